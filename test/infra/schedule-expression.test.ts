import { SCHEDULE_EXPECTED, scheduleExpressionProblem } from '../../infra/schedule-expression';

describe('EventBridge schedule expressions, checked at synth', () => {
  it.each([
    'rate(1 minute)',
    'rate(5 minutes)',
    'rate(1 hour)',
    'rate(12 hours)',
    'rate(1 day)',
    'rate(7 days)',
    'cron(0 3 ? * MON-FRI *)',
    'cron(0/15 * * * ? *)',
    'cron(0 12 L * ? *)',
    'cron(0 12 15W * ? *)',
    'cron(15 10 ? * 6L 2019-2022)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 0 1 JAN,JUL ? 2030)',
    'cron(0/5 8-17 ? * mon-fri *)',
    'cron(0,30 0-23/2 1-15 */3 ? *)',
  ])('takes %s', (expression) => {
    expect(scheduleExpressionProblem(expression)).toBeUndefined();
  });

  it.each([
    ['every 15 minutes', SCHEDULE_EXPECTED],
    ['15 minutes', SCHEDULE_EXPECTED],
    ['rate(1 minutes)', 'rate: 1 takes the singular unit, "rate(1 minute)"'],
    ['rate(5 minute)', 'rate: 5 takes the plural unit, "rate(5 minutes)"'],
    ['rate(2 day)', 'rate: 2 takes the plural unit, "rate(2 days)"'],
    ['rate(0 minutes)', 'rate: the value must be a whole number >= 1'],
    ['rate(1.5 hours)', 'rate: the value must be a whole number >= 1'],
    ['rate(30 seconds)', 'rate: the unit must be minute(s), hour(s) or day(s)'],
    ['rate(1 week)', 'rate: the unit must be minute(s), hour(s) or day(s)'],
    ['rate(5  minutes)', 'rate: expected "rate(VALUE UNIT)" with one space'],
    ['rate(15minutes)', 'rate: expected "rate(VALUE UNIT)" with one space'],
    ['cron(0 3 * * ?)', 'cron: expected 6 fields (minutes hours day-of-month month day-of-week year), found 5'],
    ['cron(0 0 3 * * ? *)', 'cron: expected 6 fields'],
    ['cron(0 3 * * * *)', 'cron: exactly one of day-of-month and day-of-week must be "?"'],
    ['cron(0 3 ? * ? *)', 'cron: exactly one of day-of-month and day-of-week must be "?"'],
    ['cron(60 3 ? * MON *)', 'cron: minutes "60": expected 0-59, with the wildcards , - * /'],
    ['cron(0 24 ? * MON *)', 'cron: hours "24"'],
    ['cron(0 3 32 * ? *)', 'cron: day-of-month "32"'],
    ['cron(0 3 ? 13 MON *)', 'cron: month "13": expected 1-12 or JAN-DEC'],
    ['cron(0 3 ? * MONDAY *)', 'cron: day-of-week "MONDAY": expected 1-7 or SUN-SAT'],
    ['cron(0 3 ? * 2#6 *)', 'cron: day-of-week "2#6"'],
    ['cron(0 3 ? * */2 *)', 'cron: day-of-week "*/2"'],
    ['cron(0 3 ? * MON 1969)', 'cron: year "1969": expected 1970-2199'],
    ['cron(0/0 3 ? * MON *)', 'cron: minutes "0/0"'],
    ['cron(0 ? * * ? *)', 'cron: hours "?"'],
    ['cron(0 3 1,? * ? *)', 'cron: day-of-month "1,?"'],
  ])('refuses %s: %s', (expression, message) => {
    expect(scheduleExpressionProblem(expression)).toContain(message);
  });
});
