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
