import { Timeline } from '../../../local/simulation/timeline';
import { capacityAdded, gone, HOUR, MONDAY, report } from './reports';

const count = (lines: readonly string[], verb: string) => lines.filter((line) => line.slice(18).startsWith(verb)).length;

/** Feeds the runs one per hour; returns every printed line. */
function play(timeline: Timeline, runs: readonly ReturnType<typeof report>[]): string[] {
  return [...runs.flatMap((run, hour) => timeline.record(MONDAY + hour * HOUR, run)), ...timeline.end()];
}

describe('Timeline', () => {
  it('lists every termination, so the total is the sum of the printed lines', () => {
    const timeline = new Timeline(false);
    const runs = [report([gone('i-1'), gone('i-2', 'api')]), report(), report(), report([gone('i-3')]), report()];

    const lines = play(timeline, runs);

    expect(count(lines, 'terminated')).toBe(3);
    expect(timeline.listedTerminations).toBe(3);
    expect(timeline.rotations.map((rotation) => rotation.instanceId)).toEqual(['i-1', 'i-2', 'i-3']);
  });

  it('counts the runs that decided nothing new, and tells them before the next printed run and at the end', () => {
    const lines = play(new Timeline(false), [report([gone('i-1')]), report(), report(), report([gone('i-3')]), report()]);

    expect(lines).toEqual([
      'Mon 23 Nov 00:00  terminated i-1 web: max-age (30.0 d old)',
      '                  · 2 run(s) with nothing new since Mon 23 Nov 01:00',
      'Mon 23 Nov 03:00  terminated i-3 web: max-age (30.0 d old)',
      '                  · 1 run(s) with nothing new since Mon 23 Nov 04:00',
    ]);
  });

  it('in a dry run lists each instance and surge step once, the first time a run chose it, and counts those', () => {
    const timeline = new Timeline(true);
    const surge = capacityAdded('bastion', ['i-9']);
    const dry = (ids: readonly string[]) => report(ids.map((id) => gone(id)), { dryRun: true, surges: [surge] });

    const lines = play(timeline, [dry(['i-1', 'i-2']), dry(['i-1', 'i-2']), dry(['i-1', 'i-2', 'i-3']), dry(['i-1', 'i-2', 'i-3'])]);

    expect(count(lines, 'would go')).toBe(3);
    expect(count(lines, 'surge')).toBe(1);
    expect(lines.join('\n')).not.toMatch(/terminated|capacity added/);
    expect(timeline.listedTerminations).toBe(3);
    expect(lines).toEqual([
      'Mon 23 Nov 00:00  would go   i-1 web: max-age (30.0 d old)',
      '                  would go   i-2 web: max-age (30.0 d old)',
      '                  surge      bastion: would add capacity first, desired would be 2 (for i-9)',
      '                  · 1 run(s) with nothing new since Mon 23 Nov 01:00',
      'Mon 23 Nov 02:00  would go   i-3 web: max-age (30.0 d old)',
      '                  · 1 run(s) with nothing new since Mon 23 Nov 03:00',
    ]);
  });

  it('prints a run whose errors or holds changed, even when it terminated nothing', () => {
    const error = { group: 'api', code: 'read-failed' as const, message: 'alarm api-5xx cannot be read' };
    const lines = play(new Timeline(false), [report(), report([], { errors: [error] }), report([], { errors: [error] })]);

    expect(lines).toEqual([
      '                  · 1 run(s) with nothing new since Mon 23 Nov 00:00',
      'Mon 23 Nov 01:00  error      api: alarm api-5xx cannot be read',
      '                  · 1 run(s) with nothing new since Mon 23 Nov 02:00',
    ]);
  });

  it('adds the note it is given to each termination', () => {
    const lines = play(new Timeline(false, (at, entry) => `${entry.group} at ${at - MONDAY}`), [report([gone('i-1', 'queue')])]);

    expect(lines).toEqual(['Mon 23 Nov 00:00  terminated i-1 queue: max-age (30.0 d old), queue at 0']);
  });
});
