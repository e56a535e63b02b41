import { createRequire } from 'node:module';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const layering = createRequire(__filename)('../eslint.layering.cjs') as Linter.Config[];

/** Lints one file's imports with the project's layering rules, as if it stood at `filePath`. */
function breaches(filePath: string, imports: readonly string[]): string[] {
  const linter = new Linter({ configType: 'flat' });
  const code = imports.map((source, index) => `import * as m${index} from '${source}';`).join('\n');
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layering] as Linter.Config[];
  return linter.verify(code, config, { filename: filePath }).map((message) => `${message.line}: ${message.message}`);
}

describe('the layering ESLint enforces', () => {
  it.each([
    ['lambda/policy/rule.ts', ['zod', '@aws-sdk/client-ec2', '../inventory/read-fleet', '../execute/execute-plan', '../config/load-run-policy', '../clients']],
    ['lambda/plan/build-plan.ts', ['zod', '@aws-sdk/client-auto-scaling', '../inventory/read-groups', '../config/budget-schema', '../run-reaper']],
    ['lambda/report/build-report.ts', ['../execute/execute-plan']],
    ['lambda/inventory/read-fleet.ts', ['../../cli/main', '../../local/fake-aws/account']],
  ])('%s may not import %p', (filePath, imports) => {
    expect(breaches(filePath, imports)).toHaveLength(imports.length);
  });

  it.each([
    ['lambda/policy/group-settings.ts', ['../model/fleet', './parse-budget', './windows']],
    ['lambda/plan/build-plan.ts', ['../policy/evaluation', '../model/reasons', './holds']],
    ['lambda/report/build-report.ts', ['../model/execution-outcome', '../plan/plan', '@aws-lambda-powertools/metrics']],
    ['lambda/inventory/read-fleet.ts', ['@aws-sdk/client-ec2', '../clients', '../policy/tag-keys']],
    ['lambda/config/budget-schema.ts', ['zod', '../policy/parse-budget']],
    ['cli/main.ts', ['../lambda/run-reaper', '../local/fake-aws/account']],
  ])('%s may import %p', (filePath, imports) => {
    expect(breaches(filePath, imports)).toEqual([]);
  });
});

/** Lints `code` with the project's layering rules, as if it stood at `filePath`. */
function impurities(filePath: string, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, ...layering] as Linter.Config[];
  return linter.verify(code, config, { filename: filePath }).map((message) => message.message);
}

describe('the decision core is pure, as ESLint enforces', () => {
  it.each([
    ['the clock', 'export const age = (launched: number) => Date.now() - launched;'],
    ['the clock, as a date', 'export const today = () => new Date().getUTCDay();'],
    ['the environment', 'export const budget = () => Number(process.env.REAPER_BUDGET);'],
    ['chance', 'export const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];'],
    ['state kept between runs', 'let lastRun = 0;\nexport const remember = (now: number) => (lastRun = now);'],
    ['a cache kept between runs', 'const seen = new Map<string, number>();\nexport const once = (id: string) => seen.set(id, 1);'],
    ['an exported cache', 'export const seen = new WeakMap<object, number>();'],
  ])('%s is refused in policy/ and plan/', (_what, code) => {
    expect(impurities('lambda/policy/rule.ts', code)).toHaveLength(1);
    expect(impurities('lambda/plan/build-plan.ts', code)).toHaveLength(1);
  });

  it.each([
    ['a time passed in', 'export const age = (launched: number, now: number) => now - launched;'],
    ['a date made from a time passed in', 'export const day = (now: number) => new Date(now).getUTCDay();'],
    ['a constant set', "const GONE = new Set(['missing', 'deregistered']);\nexport const isGone = (state: string) => GONE.has(state);"],
    ['a collection made for one call', 'export const ids = (names: string[]) => { const seen = new Set<string>(); for (const name of names) seen.add(name); return seen; };'],
  ])('%s is allowed', (_what, code) => {
    expect(impurities('lambda/plan/build-plan.ts', code)).toEqual([]);
  });

  it('the edges may read the clock and the environment', () => {
    expect(impurities('lambda/handler.ts', 'export const now = () => Date.now() + Number(process.env.SKEW);')).toEqual([]);
  });
});
