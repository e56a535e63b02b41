import { ConcurrencyLimit } from '../../lambda/util/concurrency-limit';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('ConcurrencyLimit', () => {
  it.each([1, 3, 8])('runs at most %i tasks at once and all of them in the end', async (max) => {
    const limit = new ConcurrencyLimit(max);
    let running = 0;
    let peak = 0;
    const task = async (value: number) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
      return value;
    };

    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => limit.run(() => task(index))));

    expect(peak).toBe(max);
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);

    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('starts waiting tasks in the order they arrived', async () => {
    const limit = new ConcurrencyLimit(1);
    const started: number[] = [];

    await Promise.all([1, 2, 3, 4].map((index) => limit.run(async () => started.push(index) && tick())));

    expect(started).toEqual([1, 2, 3, 4]);
  });
});
