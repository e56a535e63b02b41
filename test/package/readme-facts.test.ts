import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { envSchema } from '../../lambda/config/env-schema';
import { ERROR_CODES } from '../../lambda/model/error-codes';
import { OrganizationConfigError, parseOrganization } from '../../infra/org/organization-config';

const ROOT = path.join(__dirname, '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The first column of the README's table whose header starts with `| variable |`. */
function environmentTable(): string[] {
  const table = README.slice(README.indexOf('| variable | prop |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => /^\| `([A-Z_]+)` \|/.exec(row)?.[1] ?? row);
}

/** The first column of the README's table of error codes (header `| code | what failed |`). */
function errorCodeTable(): string[] {
  const table = README.slice(README.indexOf('| code | what failed |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  return rows.map((row) => /^\| `([a-z-]+)` \|/.exec(row)?.[1] ?? row);
}

/** The parts of an organization file the cases change. */
interface OrganizationJson {
  readonly central: Record<string, unknown>;
  readonly stackSets: Record<string, unknown>;
  readonly policy: Record<string, unknown>;
  readonly deployments: readonly { readonly organizationalUnits: string[] }[];
  readonly [field: string]: unknown;
}

/** The problems parseOrganization reports for the repository's organization file changed by `change`. */
function problemsOf(change: (file: OrganizationJson) => void): readonly string[] {
  const read = JSON.parse(readFileSync(path.join(ROOT, 'infra', 'organization.json'), 'utf8')) as OrganizationJson;
  const file = Object.fromEntries(Object.entries(read).filter(([key]) => !key.startsWith('_'))) as OrganizationJson;
  change(file);
  try {
    parseOrganization(file, 'organization.json');
  } catch (error) {
    if (error instanceof OrganizationConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the README states facts', () => {
  it('lists every environment variable the function reads in the configuration table, REAPER_CENTRAL_BUS_ARN included', () => {
    expect(environmentTable().sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('lists every error code of the set, in its order, in the Report section', () => {
    expect(errorCodeTable()).toEqual([...ERROR_CODES]);
  });

  it("names the app file `cdk init app --language typescript` makes (bin/ and the project's name)", () => {
    const template = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk', 'lib', 'init-templates', 'app', 'typescript', 'cdk.template.json'), 'utf8')) as { app: string };
    const appFile = /\bbin\/%name%\.ts\b/.exec(template.app)?.[0];
    const sentence = /\(`([^`]+)`[^)]*?in an app from `cdk init`/.exec(README);

    expect(appFile).toBe('bin/%name%.ts');
    expect(sentence?.[1]).toBe(appFile?.replace('%name%', '<name>'));
  });

  describe("the organization file's checks come in the stages the README describes", () => {
    it('the README says they come in stages', () => {
      const organization = README.slice(README.indexOf('## A whole AWS Organization'));
      const section = organization.slice(organization.indexOf('### The configuration'), organization.indexOf('### Deploy'));

      expect(section).toMatch(/checked on every\s+synth in stages/);
    });

    it('every problem of the file\'s shape at once (an unknown field here, a missing field there), and nothing past them', () => {
      const problems = problemsOf((file) => {
        file.central.bogus = 1;
        delete file.stackSets.region;
        file.policy.maxAgeDays = -1;
      });

      expect(problems).toHaveLength(2);
      expect(problems.join('\n')).toContain('central: unknown field "bogus"');
      expect(problems.join('\n')).toContain('stackSets.region');
      expect(problems.join('\n')).not.toContain('maxAgeDays');
    });

    it('once the shape is right, every other problem at once: a policy prop, an OU in two deployments, a log retention period', () => {
      const problems = problemsOf((file) => {
        file.policy.maxAgeDays = -1;
        const [sandbox, production] = file.deployments;
        production?.organizationalUnits.push(...(sandbox?.organizationalUnits ?? []));
        file.central.logRetentionDays = 4;
      });

      expect(problems).toHaveLength(3);
      expect(problems.filter((line) => /policy\.maxAgeDays|is in deployments|logRetentionDays/.test(line))).toHaveLength(3);
    });
  });
});
