import { formatDays, groupWindow, windowNote } from '../../../local/simulation/window-note';
import { gone, HOUR, MONDAY } from './reports';

const QUEUE = { window: 'Tue,Thu 02:00-04:00 UTC', graceDays: 3 };
const DETAIL = { ageDays: 31, lifetimeDays: 28 };
const TUESDAY_MIDNIGHT = MONDAY + 24 * HOUR;

describe('windowNote', () => {
  it('says a routine termination outside its window was past its deadline: lifetime + grace', () => {
    expect(windowNote(gone('i-1', 'queue'), DETAIL, QUEUE, TUESDAY_MIDNIGHT)).toBe(
      'outside its window (Tue,Thu 02:00-04:00 UTC): past its deadline, lifetime 28 d + grace 3 d',
    );
  });

  it.each([['targeted'], ['ami-blocked'], ['rotation-requested']] as const)('says %s outside the window is an emergency', (reason) => {
    expect(windowNote(gone('i-1', 'queue', ['max-age', reason]), DETAIL, QUEUE, TUESDAY_MIDNIGHT)).toBe(
      `outside its window (Tue,Thu 02:00-04:00 UTC): ${reason} is an emergency, windows do not hold it`,
    );
  });

  it('says nothing inside the window or for a group without one', () => {
    expect(windowNote(gone('i-1', 'queue'), DETAIL, QUEUE, TUESDAY_MIDNIGHT + 3 * HOUR)).toBeUndefined();
    expect(windowNote(gone('i-1'), DETAIL, { graceDays: 7 }, TUESDAY_MIDNIGHT)).toBeUndefined();
  });

  it('names the lifetime it does not know as such', () => {
    expect(windowNote(gone('i-1', 'queue'), undefined, { window: QUEUE.window, graceDays: 2.5 }, TUESDAY_MIDNIGHT)).toMatch(/past its deadline, lifetime \+ grace 2\.5 d$/);
  });
});

describe('groupWindow', () => {
  const defaults = { window: 'Mon-Fri 02:00-05:00 UTC', graceDays: 7 };

  it('takes the group\'s window and grace tags over the configured defaults', () => {
    expect(groupWindow({ 'instance-reaper:window': QUEUE.window, 'instance-reaper:grace-days': '3' }, defaults)).toEqual(QUEUE);
    expect(groupWindow({}, defaults)).toEqual(defaults);
    expect(groupWindow(undefined, { graceDays: 7 })).toEqual({ graceDays: 7 });
  });

  it('keeps the default grace when the tag does not parse (the function reports that group)', () => {
    expect(groupWindow({ 'instance-reaper:grace-days': 'soon' }, defaults).graceDays).toBe(7);
  });
});

describe('formatDays', () => {
  it('writes whole days without decimals', () => {
    expect([formatDays(28), formatDays(26.46)]).toEqual(['28', '26.5']);
  });
});
