import { parseLogLines } from '../../local/simulation/run-captured';
import { LocalReaper, seedGroup, terminatedIds } from './local-reaper';

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

const seedFleet = (account: Parameters<Parameters<typeof LocalReaper.start>[0]>[0]) => {
  seedGroup(account, 'web', [50, 45, 40, 3]);
  seedGroup(account, 'api', [60, 2]);
  seedGroup(account, 'batch', [33, 31, 1]);
  for (const name of ['queue', 'search', 'cache', 'workers', 'edge']) seedGroup(account, name, [30, 20, 10]);
};

describe('the deployed bundle on the wire: input and throttling', () => {
  it.each([
    ['a typo of a field', { dryrun: true }, 'dryrun'],
    ['null for a field', { dryRun: null }, 'dryRun'],
    ['a wrong type', { maxAgeDays: '7' }, 'maxAgeDays'],
    ['an out-of-range number', { maxTerminations: -1 }, 'maxTerminations'],
    ['a malformed instance ID', { instanceIds: ['web-1'] }, 'instanceIds'],
    ['a scheduled-looking event that carries an override', { source: 'aws.events', 'detail-type': 'Scheduled Event', dryRun: false }, 'source'],
  ])('refuses %s, naming the field, before any AWS call, and logs it as a failed run', async (_title, event, field) => {
    reaper = await LocalReaper.start(seedFleet);

    const invocation = await reaper.invokeRaw(event);

    expect(invocation.error).toContain(field);
    expect(reaper.account.calls).toEqual([]);
    expect(parseLogLines(invocation.logs).filter((line) => line.message === 'run failed')).toEqual([
      expect.objectContaining({ level: 'ERROR', error: expect.objectContaining({ name: 'InvalidInputError', code: 'input-invalid', issues: [expect.stringContaining(field)] }) }),
    ]);
  });

  it('refuses a bad configuration variable, naming it, before any AWS call', async () => {
    reaper = await LocalReaper.start(seedFleet);

    const invocation = await reaper.invokeRaw(undefined, { env: { REAPER_MAX_TERMINATIONS: 'lots' } });

    expect(invocation.error).toContain('REAPER_MAX_TERMINATIONS');
    expect(reaper.account.calls).toEqual([]);
  });

  it('terminates the same instances with 30% of calls throttled as with none', async () => {
    reaper = await LocalReaper.start(seedFleet);
    const calm = await reaper.invoke({ dryRun: true });
    await reaper.close();
    reaper = await LocalReaper.start(seedFleet, { throttle: { rate: 0.3, seed: 11 } });

    const throttled = await reaper.invoke();

    expect(reaper.account.calls.filter((call) => call.throttled).length).toBeGreaterThan(3);
    expect(terminatedIds(throttled)).toEqual(terminatedIds(calm));
    expect(throttled.errors).toEqual([]);
    expect(terminatedIds(throttled)).toHaveLength(8);
  });
});
