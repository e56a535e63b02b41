import { formatRun } from '../../../local/simulation/format-run';
import { capacityAdded, gone, MONDAY, report } from './reports';

describe('formatRun', () => {
  it('lists what a run terminated, its surge steps and what it held', () => {
    const lines = formatRun(MONDAY, report([gone('i-1')], { surges: [capacityAdded('bastion', ['i-9'])], deferred: [{ ...gone('i-2'), why: 'group-budget' }] }));

    expect(lines).toEqual([
      'Mon 23 Nov 00:00  terminated i-1 web: max-age (30.0 d old)',
      '                  surge      bastion: capacity added first, desired 2 (for i-9)',
      '                  held       web 1 group-budget',
    ]);
  });

  it('never says capacity was added or a surge happened in a dry run', () => {
    const surges = [capacityAdded('bastion', ['i-9']), { ...capacityAdded('api', ['i-8'], 5), action: 'completed' as const }, { ...capacityAdded('db', ['i-7'], 3), action: 'rolled-back' as const }];

    const text = formatRun(MONDAY, report([gone('i-1')], { dryRun: true, surges })).join('\n');

    expect(text).toContain('would go   i-1 web');
    expect(text).toContain('bastion: would add capacity first, desired would be 2 (for i-9)');
    expect(text).toContain('api: would complete the surge, desired would be 5');
    expect(text).toContain('db: would roll the surge back, desired would be 3');
    expect(text).not.toMatch(/terminated|capacity added|surge completed|rolled back/);
  });

  it('lists only the terminations and surges it is given, and says each one\'s note', () => {
    const lines = formatRun(MONDAY, report([gone('i-1'), gone('i-2')], { surges: [capacityAdded('bastion', ['i-9'])] }), {
      terminated: [gone('i-2')],
      surges: [],
      noteFor: (entry) => `note on ${entry.instanceId}`,
    });

    expect(lines).toEqual(['Mon 23 Nov 00:00  terminated i-2 web: max-age (30.0 d old), note on i-2']);
  });

  it('prints the held line only when it changed, and nothing for a run with nothing to say', () => {
    const held = report([], { deferred: [{ ...gone('i-2'), why: 'exempt' }] });

    expect(formatRun(MONDAY, held, { previousHeld: 'web 1 exempt' })).toEqual([]);
  });
});
