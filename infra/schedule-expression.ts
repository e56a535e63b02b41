/**
 * The grammar of EventBridge rule schedule expressions ("Rate expressions reference" and "Cron expressions reference",
 * Amazon EventBridge User Guide), checked at synth: CloudFormation would refuse a bad one only at deploy.
 */

export const SCHEDULE_EXPECTED = 'expected an EventBridge schedule expression, rate(VALUE UNIT) such as "rate(15 minutes)" or cron(MINUTES HOURS DAY-OF-MONTH MONTH DAY-OF-WEEK YEAR) such as "cron(0 3 ? * MON-FRI *)"';

const RATE = /^rate\((\S+) (\S+)\)$/;
const RATE_UNITS = ['minute', 'hour', 'day'];

function rateProblem(value: string, unit: string): string | undefined {
  if (!/^[1-9]\d*$/.test(value)) return `rate: the value must be a whole number >= 1`;
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (!RATE_UNITS.includes(singular)) return `rate: the unit must be minute(s), hour(s) or day(s)`;
  const wanted = value === '1' ? singular : `${singular}s`;
  if (unit !== wanted) return `rate: ${value} takes the ${value === '1' ? 'singular' : 'plural'} unit, "rate(${value} ${wanted})"`;
  return undefined;
}

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for 1, 2, ...: JAN-DEC, SUN-SAT. */
  readonly names?: readonly string[];
  /** Field-specific wildcards (L, W, #), as whole items. */
  readonly special?: RegExp;
  readonly wildcards: string;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const DAY_OF_WEEK = `(?:[1-7]|${DAYS.join('|')})`;

const FIELDS: readonly CronField[] = [
  { name: 'minutes', min: 0, max: 59, wildcards: ', - * /' },
  { name: 'hours', min: 0, max: 23, wildcards: ', - * /' },
  { name: 'day-of-month', min: 1, max: 31, special: /^(L|([1-9]|[12]\d|3[01])W)$/, wildcards: ', - * ? / L W' },
  { name: 'month', min: 1, max: 12, names: MONTHS, wildcards: ', - * /' },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: new RegExp(`^(L|${DAY_OF_WEEK}L|${DAY_OF_WEEK}#[1-5])$`), wildcards: ', - * ? L #' },
  { name: 'year', min: 1970, max: 2199, wildcards: ', - * /' },
];

function valueOf(field: CronField, token: string): number | undefined {
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(token) ?? -1;
  return index >= 0 ? index + 1 : undefined;
}

function itemIsValid(field: CronField, item: string): boolean {
  if (item === '*' || field.special?.test(item)) return true;
  const [base = '', step, ...rest] = item.split('/');
  if (rest.length > 0) return false;
  if (step !== undefined && (!/^[1-9]\d*$/.test(step) || field.wildcards.indexOf('/') < 0)) return false;
  if (base === '*') return step !== undefined;
  const [from = '', to, ...more] = base.split('-');
  if (more.length > 0 || valueOf(field, from) === undefined) return false;
  return to === undefined || valueOf(field, to) !== undefined;
}

function fieldProblem(field: CronField, text: string): string | undefined {
  const upper = text.toUpperCase();
  if (upper === '?' && field.wildcards.includes('?')) return undefined;
  if (upper.split(',').every((item) => itemIsValid(field, item))) return undefined;
  const values = field.names ? `${field.min}-${field.max} or ${field.names[0]}-${field.names[field.names.length - 1]}` : `${field.min}-${field.max}`;
  return `cron: ${field.name} "${text}": expected ${values}, with the wildcards ${field.wildcards}`;
}

function cronProblem(body: string): string | undefined {
  const fields = body.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== FIELDS.length) {
    return `cron: expected 6 fields (${FIELDS.map((field) => field.name).join(' ')}), found ${fields.length}`;
  }
  for (const [index, field] of FIELDS.entries()) {
    const problem = fieldProblem(field, fields[index] ?? '');
    if (problem) return problem;
  }
  if ((fields[2] === '?') === (fields[4] === '?')) return 'cron: exactly one of day-of-month and day-of-week must be "?"';
  return undefined;
}

/** What is wrong with an EventBridge schedule expression; undefined when it is valid. */
export function scheduleExpressionProblem(expression: string): string | undefined {
  const rate = RATE.exec(expression);
  if (rate) return rateProblem(rate[1] ?? '', rate[2] ?? '');
  if (expression.startsWith('rate(')) return 'rate: expected "rate(VALUE UNIT)" with one space, such as "rate(15 minutes)"';
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return cronProblem(cron[1] ?? '');
  return SCHEDULE_EXPECTED;
}
