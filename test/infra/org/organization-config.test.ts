import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OrganizationConfigError, loadOrganization, parseOrganization } from '../../../infra/org/organization-config';
import { stackNameProblem } from '../../../infra/deploy-names';
import { stackSetName } from '../../../infra/org/stack-sets-stack';
import { EXAMPLE_FILE } from './synthesize-org';

type Raw = Record<string, unknown> & { deployments: Record<string, unknown>[] };

/** The example file as JSON, changed by `edit`: each case starts from a valid organization. */
function example(edit: (raw: Raw) => void = () => undefined): Raw {
  const raw = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as Raw;
  delete raw._comment;
  edit(raw);
  return raw;
}

function problemsOf(raw: unknown): readonly string[] {
  try {
    parseOrganization(raw, 'organization.json');
  } catch (error) {
    if (error instanceof OrganizationConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the organization to be refused');
}

describe('the example organization file', () => {
  const organization = loadOrganization(EXAMPLE_FILE);

  it('loads, with the safe operation defaults it spells out', () => {
    expect(organization.stackSets).toMatchObject({ failureTolerancePercentage: 0, maxConcurrentPercentage: 25, regionConcurrency: 'SEQUENTIAL', callAs: 'DELEGATED_ADMIN' });
  });

  it('merges each deployment\'s overrides over the base policy, and only its own', () => {
    const [sandbox, production] = organization.deployments;
    expect(sandbox?.props).toMatchObject({ maxAgeDays: 28, maxTerminationsPerGroup: '25%', dryRun: true });
    expect(sandbox?.props.maintenanceWindow).toBeUndefined();
    expect(production?.props).toMatchObject({ maxAgeDays: 28, maintenanceWindow: 'Mon-Fri 02:00-05:00 Europe/Berlin' });
    expect(production?.props.dryRun).toBeUndefined();
  });
});

describe('defaults when the file leaves them out', () => {
  const organization = parseOrganization(
    example((raw) => {
      raw.central = { account: '111111111111', region: 'eu-west-1' };
      raw.stackSets = { account: '222222222222', region: 'eu-west-1', callAs: 'SELF' };
    }),
    'organization.json',
  );

  it('keeps summaries 90 days and calls an account silent after 120 minutes', () => {
    expect(organization.central).toMatchObject({ logRetentionDays: 90, silentAfterMinutes: 120 });
  });

  it('stops at the first failure, 25% of accounts at a time, one region after another, buckets named after the administrator account', () => {
    expect(organization.stackSets).toEqual({
      account: '222222222222',
      region: 'eu-west-1',
      callAs: 'SELF',
      failureTolerancePercentage: 0,
      maxConcurrentPercentage: 25,
      regionConcurrency: 'SEQUENTIAL',
      assetBucketPrefix: 'instance-reaper-assets-222222222222',
    });
  });
});

describe('mistakes, each named where it is', () => {
  it('an unknown field, with the field meant', () => {
    expect(problemsOf(example((raw) => (raw.deployments[0]!.regoins = ['eu-west-1'])))).toContain('deployment sandbox: unknown field "regoins"; did you mean regions?');
    expect(problemsOf(example((raw) => (raw.organisationId = 'o-a1b2c3d4e5')))).toContain('top level: unknown field "organisationId"; did you mean organizationId?');
  });

  it('an unknown prop in the overrides, with the prop meant and what it takes', () => {
    expect(problemsOf(example((raw) => (raw.deployments[0]!.overrides = { dryrun: true })))).toEqual([
      'deployment sandbox, overrides.dryrun: unknown prop; did you mean dryRun, which takes true or false?',
    ]);
  });

  it('an override of the wrong type, by deployment and prop', () => {
    expect(problemsOf(example((raw) => (raw.deployments[1]!.overrides = { maxAgeDays: 'thirty' })))).toEqual([
      'deployment production, overrides.maxAgeDays: expected a number of days, got "thirty"',
    ]);
  });

  it('an override value the function would refuse, by deployment and prop', () => {
    const problems = problemsOf(example((raw) => (raw.deployments[1]!.overrides = { maintenanceWindow: 'Mon-Fri 02:00-05:00 Mars/Olympus' })));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^deployment production, overrides\.maintenanceWindow: .*Mars\/Olympus/);
  });

  it('a bad base policy once, under policy, not again for every deployment', () => {
    expect(problemsOf(example((raw) => (raw.policy = { maxAgeDays: -1 })))).toEqual([expect.stringMatching(/^policy\.maxAgeDays: /)]);
  });

  it('the central bus, which the organization deployment sets itself', () => {
    const bus = 'arn:aws:events:eu-west-1:111111111111:event-bus/other';
    expect(problemsOf(example((raw) => (raw.policy = { centralEventBusArn: bus })))).toEqual([expect.stringMatching(/^policy\.centralEventBusArn: set by the organization deployment/)]);
  });

  it('an OU in two deployments, and why', () => {
    const problems = problemsOf(example((raw) => (raw.deployments[1]!.organizationalUnits = ['ou-ab12-sandbox1'])));
    expect(problems).toEqual([expect.stringMatching(/^organizational unit ou-ab12-sandbox1 is in deployments sandbox and production: every account below it would get two reapers/)]);
  });

  it('the root in one deployment beside another deployment', () => {
    expect(problemsOf(example((raw) => (raw.deployments[0]!.organizationalUnits = ['r-ab12'])))).toEqual([expect.stringMatching(/^deployment sandbox targets the root, which holds every account/)]);
  });

  it.each(['ou-ab12', 'OU-AB12-SANDBOX1', 'o-a1b2c3d4e5', '123456789012'])('an OU ID that is not one: %s', (id) => {
    expect(problemsOf(example((raw) => (raw.deployments[0]!.organizationalUnits = [id])))).toEqual([
      `deployment sandbox, organizationalUnits: expected an OU ID such as "ou-ab12-cd34ef56" or the root ID such as "r-ab12", got ${JSON.stringify(id)}`,
    ]);
  });

  it('a deployment name used twice', () => {
    expect(problemsOf(example((raw) => (raw.deployments[1]!.name = 'sandbox')))).toContain('deployment name sandbox is used twice: each deployment becomes the StackSet instance-reaper-NAME');
  });

  it('operation settings out of range, and every problem at once', () => {
    const problems = problemsOf(
      example((raw) => {
        raw.stackSets = { account: '111111111111', region: 'eu-west-1', callAs: 'ADMIN', maxConcurrentPercentage: 0 };
        raw.organizationId = 'org-1';
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'organizationId: expected an organization ID such as "o-a1b2c3d4e5", got "org-1"',
        expect.stringMatching(/^stackSets\.callAs: expected "SELF" \(the management account\) or "DELEGATED_ADMIN"/),
        'stackSets.maxConcurrentPercentage: expected 1 to 100, got 0',
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('a retention CloudWatch Logs does not offer', () => {
    expect(problemsOf(example((raw) => (raw.central = { account: '111111111111', region: 'eu-west-1', logRetentionDays: 100 })))).toEqual([
      expect.stringMatching(/^central\.logRetentionDays: expected one of CloudWatch Logs' retention periods in days .*got 100$/),
    ]);
  });

  it('a notification address that is not one', () => {
    expect(problemsOf(example((raw) => (raw.central = { account: '111111111111', region: 'eu-west-1', notificationEmail: 'platform-oncall' })))).toEqual([
      expect.stringMatching(/^central\.notificationEmail: expected an email address/),
    ]);
  });

  it('a file that is not JSON, with its name and no stack trace in the message', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-')), 'organization.json');
    writeFileSync(file, '{ "organizationId": ');
    expect(() => loadOrganization(file)).toThrow(OrganizationConfigError);
    expect(() => loadOrganization(file)).toThrow(/organization\.json: 1 problem\(s\), nothing synthesized:\n {2}- not valid JSON: Unexpected end of input found\. \(\d+:\d+\)$/);
  });
});

describe('an organization file JSON.parse would read differently than its author', () => {
  const exampleText = readFileSync(EXAMPLE_FILE, 'utf8');
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
  const writeOrganization = (text: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'org-')), 'organization.json');
    writeFileSync(file, text);
    return file;
  };
  const messageOf = (file: string): string => {
    try {
      loadOrganization(file);
    } catch (error) {
      if (error instanceof OrganizationConfigError) return error.message;
      throw error;
    }
    throw new Error('expected the organization file to be refused');
  };

  it('a deployment with two overrides, the second live: refused, naming the key, its path and its line', () => {
    const text = exampleText.replace('"overrides": { "dryRun": true } }', '"overrides": { "dryRun": true }, "overrides": { "dryRun": false } }');
    const line = lineOf(text, '"overrides": { "dryRun": false }');

    const file = writeOrganization(text);

    expect(messageOf(file)).toBe(
      `${file}: 1 problem(s), nothing synthesized:\n  - line ${line}: key "overrides" repeats in deployments[0] (first on line ${line}); JSON keeps only the last, so remove one`,
    );
  });

  it('a top-level field given twice, with both lines', () => {
    const text = exampleText.replace('"organizationId": "o-a1b2c3d4e5",', '"organizationId": "o-a1b2c3d4e5",\n  "organizationId": "o-f6g7h8i9j0",');
    const first = lineOf(text, '"organizationId"');

    expect(messageOf(writeOrganization(text))).toContain(`  - line ${first + 1}: key "organizationId" repeats at the top level (first on line ${first}); JSON keeps only the last, so remove one`);
  });
});

describe('names and regions, checked for what they become', () => {
  it.each(['dev eu', 'Dev', 'dev_eu', `a${'b'.repeat(40)}`])('a deployment name the StackSet instance-reaper-NAME cannot have: %s', (name) => {
    expect(problemsOf(example((raw) => (raw.deployments[0]!.name = name)))).toEqual([
      `deployment ${name}, name: expected 1 to 40 lowercase letters, digits and -, starting with a letter (the name becomes the StackSet instance-reaper-NAME), got ${JSON.stringify(name)}`,
    ]);
  });

  it('the longest name it takes makes a StackSet name CloudFormation takes', () => {
    expect(parseOrganization(example((raw) => (raw.deployments[0]!.name = `a${'b-'.repeat(19)}c`)), 'organization.json').deployments[0]?.name).toHaveLength(40);
    expect(stackNameProblem('deployment', stackSetName(`a${'b-'.repeat(19)}c`), 'StackSet name')).toBeUndefined();
  });

  it('a misspelt deployment region, with the region meant', () => {
    expect(problemsOf(example((raw) => (raw.deployments[1]!.regions = ['eu-west-1', 'us-est-1'])))).toEqual(['deployment production, regions.1: expected an AWS region (did you mean us-east-1?), got "us-est-1"']);
  });

  it('a misspelt central and StackSets region, both at once', () => {
    const problems = problemsOf(
      example((raw) => {
        raw.central = { account: '111111111111', region: 'eu-wset-1' };
        raw.stackSets = { account: '111111111111', region: 'eu-central-9', callAs: 'SELF' };
      }),
    );
    expect(problems).toEqual(['central.region: expected an AWS region (did you mean eu-west-1?), got "eu-wset-1"', 'stackSets.region: expected an AWS region (did you mean eu-central-1?), got "eu-central-9"']);
  });

  it('a region of another partition than the StackSets\' region: the organization and its accounts live in one partition', () => {
    const problems = problemsOf(
      example((raw) => {
        raw.deployments[1]!.regions = ['eu-west-1', 'cn-north-1'];
        raw.central = { account: '111111111111', region: 'us-gov-west-1' };
      }),
    );
    expect(problems).toEqual([
      'central.region: us-gov-west-1 is in partition aws-us-gov, the StackSets\' region eu-west-1 in aws: every region of the organization deployment is in one partition',
      'deployment production, regions: cn-north-1 is in partition aws-cn, the StackSets\' region eu-west-1 in aws: every region of the organization deployment is in one partition',
    ]);
  });

  it('an organization wholly in another partition', () => {
    const organization = parseOrganization(
      example((raw) => {
        raw.central = { account: '111111111111', region: 'cn-north-1' };
        raw.stackSets = { account: '111111111111', region: 'cn-north-1', callAs: 'SELF' };
        raw.deployments = [{ name: 'all', organizationalUnits: ['ou-ab12-sandbox1'], regions: ['cn-north-1', 'cn-northwest-1'] }];
      }),
      'organization.json',
    );
    expect(organization.deployments[0]?.regions).toEqual(['cn-north-1', 'cn-northwest-1']);
  });
});
