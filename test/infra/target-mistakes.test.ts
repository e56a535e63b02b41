import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addReaperStack } from '../../infra/reaper-app';
import { TargetsError, loadTargets, pickTarget } from '../../infra/targets';

const writeTargets = (content: unknown): string => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const target = (props: Record<string, unknown>) => ({ account: '123456789012', region: 'eu-west-1', props });

function errorOf(file: string): TargetsError {
  try {
    loadTargets(file);
  } catch (error) {
    if (error instanceof TargetsError) return error;
    throw error;
  }
  throw new Error('expected loadTargets to refuse the file');
}

describe('a mistake in a target fails synth, naming the file, the target, the prop and what it takes', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a misspelt prop, which would otherwise deploy a live reaper', { dryrun: true }, 'prop dryrun of target dev: unknown prop; did you mean dryRun, which takes true or false?'],
    ['a boolean written as a string', { dryRun: 'yes' }, 'prop dryRun of target dev: expected true or false, got "yes"'],
    ['the timeout in seconds, as the construct would take it', { timeout: 600 }, "prop timeout of target dev: unknown prop; did you mean timeoutMinutes, which takes a whole number of minutes from 1 to 15, Lambda's limit?"],
    ['a timeout past Lambda\'s limit', { timeoutMinutes: 600 }, "prop timeoutMinutes of target dev: expected a whole number of minutes from 1 to 15, Lambda's limit, got 600"],
    ['a timeout that is not whole minutes', { timeoutMinutes: 2.5 }, 'prop timeoutMinutes of target dev: expected a whole number of minutes from 1 to 15'],
    ['alarm names as one string', { alarmNames: 'a,b' }, 'prop alarmNames of target dev: expected an array of strings, got "a,b"'],
    ['an alarm name that is not a string', { alarmNames: ['a', 3] }, 'prop alarmNames of target dev: expected an array of strings, got ["a",3]'],
    [
      'a log retention CloudWatch Logs does not offer',
      { logRetention: 366 },
      "prop logRetention of target dev: expected one of CloudWatch Logs' retention periods in days (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 9999 to keep logs forever), got 366",
    ],
    ['a log retention as text', { logRetention: '90 days' }, 'prop logRetention of target dev: expected a number of days (1, 3, 5, 7, 14, 30, 60, 90, ...), got "90 days"'],
    ['a schedule EventBridge does not understand', { schedule: 'every 15 minutes' }, 'prop schedule of target dev: expected an EventBridge schedule expression, rate(VALUE UNIT) such as "rate(15 minutes)" or cron('],
    ['a rate with the wrong number for its unit', { schedule: 'rate(1 minutes)' }, 'prop schedule of target dev: rate: 1 takes the singular unit, "rate(1 minute)", got "rate(1 minutes)"'],
    ['a number the function would refuse', { maxAgeDays: -1 }, 'prop maxAgeDays of target dev: expected a number >= 0, got -1'],
    ['a budget the function would refuse', { maxTerminationsPerGroup: '150%' }, 'prop maxTerminationsPerGroup of target dev: expected a whole number >= 1 or a percentage such as 25%, got "150%"'],
    ['a window the function would refuse', { maintenanceWindow: 'nightly' }, 'prop maintenanceWindow of target dev: window "nightly": expected DAYS HH:MM-HH:MM ZONE'],
    ['memory outside Lambda\'s range', { memorySize: 64 }, "prop memorySize of target dev: expected a whole number of MB from 128 to 10240 (Lambda's limit), got 64"],
    ['a prop no one knows', { colour: 'red' }, 'prop colour of target dev: unknown prop; the props are dryRun, maxAgeDays,'],
  ])('%s', (_title, props, message) => {
    const file = writeTargets({ dev: target(props) });
    const error = errorOf(file);

    expect(error.problems).toEqual([expect.stringContaining(message)]);
    expect(error.message).toContain(`${file}: 1 problem(s), nothing synthesized:\n  - ${error.problems[0]}`);
  });

  it('names every mistake in every target at once, each target in the order of its file', () => {
    const file = writeTargets({
      _comment: 'ignored',
      dev: target({ dryrun: true, alarmNames: 'a,b', maxAgeDays: -1, timeout: 600 }),
      prod: target({ logRetention: 400, schedule: 'every 15 minutes', dryRun: 'yes', timeoutMinutes: 600 }),
      fine: target({ maxAgeDays: 14 }),
    });

    expect(errorOf(file).problems).toEqual([
      expect.stringMatching(/^prop dryrun of target dev: unknown prop/),
      expect.stringMatching(/^prop alarmNames of target dev: expected an array of strings/),
      expect.stringMatching(/^prop maxAgeDays of target dev: expected a number >= 0/),
      expect.stringMatching(/^prop timeout of target dev: unknown prop; did you mean timeoutMinutes/),
      expect.stringMatching(/^prop schedule of target prod: expected an EventBridge schedule expression/),
      expect.stringMatching(/^prop dryRun of target prod: expected true or false/),
      expect.stringMatching(/^prop timeoutMinutes of target prod: expected a whole number of minutes from 1 to 15/),
    ]);
  });

  it('fails the app before any stack is built, whichever target is deployed', () => {
    const file = writeTargets({ dev: target({ dryRun: true }), prod: target({ dryrun: true }) });
    const app = new App({ context: { target: 'dev', 'aws:cdk:bundling-stacks': [] } });

    expect(() => addReaperStack(app, file)).toThrow(TargetsError);
    expect(app.node.children).toEqual([]);
  });
});

describe('a targets file that is wrong as a whole, or a target that is', () => {
  it.each<[string, unknown, string]>([
    ['text that is not JSON', '{ "dev": ', 'not valid JSON'],
    ['a list instead of an object', '[]', 'expected an object of targets'],
    ['a target that is not an object', { dev: 'eu-west-1' }, 'target dev: expected an object with account, region and props, got "eu-west-1"'],
    ['a short account', { dev: { account: '123', region: 'eu-west-1' } }, 'target dev, account: expected a 12-digit account ID, got "123"'],
    ['an account as a number', { dev: { account: 123456789012, region: 'eu-west-1' } }, 'target dev, account: expected a 12-digit account ID, got 123456789012'],
    ['a bad region', { dev: { account: '123456789012', region: 'Europe' } }, 'target dev, region: expected an AWS region such as eu-west-1, got "Europe"'],
    ['props that are not an object', { dev: { account: '123456789012', region: 'eu-west-1', props: 3 } }, 'target dev, props: expected an object of InstanceReaper props, got 3'],
    ['a prop beside props instead of in it', { dev: { account: '123456789012', region: 'eu-west-1', dryRun: true } }, 'target dev: unknown field "dryRun": a target has account, region and props'],
  ])('%s', (_title, content, message) => {
    expect(() => loadTargets(writeTargets(content))).toThrow(message);
  });

  it('a file that cannot be read', () => {
    expect(() => loadTargets(path.join(tmpdir(), 'no-such-dir', 'targets.json'))).toThrow(/cannot read the targets file/);
  });
});

describe('a target file JSON.parse would read differently than its author', () => {
  it('a target given twice, the second live: refused, naming the key and both lines, instead of the last winning', () => {
    const file = writeTargets(
      [
        '{',
        '  "dev-eu": { "account": "111111111111", "region": "eu-west-1", "props": { "dryRun": true } },',
        '  "dev-eu": { "account": "111111111111", "region": "eu-west-1", "props": { "dryRun": false } }',
        '}',
      ].join('\n'),
    );

    expect(errorOf(file).message).toBe(
      `${file}: 1 problem(s), nothing synthesized:\n  - line 3: key "dev-eu" repeats at the top level (first on line 2); JSON keeps only the last, so remove one`,
    );
  });

  it('a prop given twice inside a target, with its path', () => {
    const file = writeTargets(['{ "dev": { "account": "111111111111", "region": "eu-west-1",', '  "props": { "dryRun": true,', '    "dryRun": false } } }'].join('\n'));

    expect(errorOf(file).problems).toEqual(['line 3: key "dryRun" repeats in dev.props (first on line 2); JSON keeps only the last, so remove one']);
  });

  it('fails the app whichever target is deployed', () => {
    const file = writeTargets('{ "prod": { "account": "111111111111", "region": "eu-west-1" }, "dev": { "account": "111111111111", "region": "eu-west-2", "props": { "dryRun": true, "dryRun": false } } }');
    const app = new App({ context: { target: 'prod', 'aws:cdk:bundling-stacks': [] } });

    expect(() => addReaperStack(app, file)).toThrow(/key "dryRun" repeats in dev\.props/);
    expect(app.node.children).toEqual([]);
  });
});

describe('every target is checked for what it becomes, on every synth, whichever target is deployed', () => {
  const at = (account: string, region: string) => ({ account, region });

  it.each<[string, string, string]>([
    ['a space', 'dev eu', 'target "dev eu": the name becomes the stack name InstanceReaper-dev eu, and a CloudFormation stack name takes only letters, digits and -'],
    ['an underscore', 'dev_eu', 'target "dev_eu": the name becomes the stack name InstanceReaper-dev_eu, and a CloudFormation stack name takes only letters, digits and -'],
    ['a name past 128 characters once prefixed', 'a'.repeat(114), `target "${'a'.repeat(114)}": the name becomes the stack name InstanceReaper-${'a'.repeat(114)}, and a CloudFormation stack name takes only letters, digits and -, starting with a letter, at most 128 characters (this one has 129)`],
  ])('a name with %s in a target not deployed fails the app without a stack trace', (_title, name, message) => {
    const file = writeTargets({ prod: at('111111111111', 'eu-west-1'), [name]: at('222222222222', 'eu-west-1') });
    const app = new App({ context: { target: 'prod', 'aws:cdk:bundling-stacks': [] } });

    expect(() => addReaperStack(app, file)).toThrow(TargetsError);
    expect(errorOf(file).problems).toEqual([expect.stringContaining(message)]);
    expect(app.node.children).toEqual([]);
  });

  it('takes the longest name that fits: InstanceReaper- and 113 characters', () => {
    expect([...loadTargets(writeTargets({ [`A-${'b'.repeat(111)}`]: at('111111111111', 'eu-west-1') })).keys()]).toHaveLength(1);
  });

  it('two targets on one account and region: two reapers would act on the same groups', () => {
    const file = writeTargets({ dev: at('111111111111', 'eu-west-1'), other: at('111111111111', 'eu-west-2'), again: at('111111111111', 'eu-west-1') });

    expect(errorOf(file).problems).toEqual([
      'targets dev and again both deploy to account 111111111111 in eu-west-1: two reapers would act on the same groups; keep one target per account and region',
    ]);
  });

  it.each<[string, string, string]>([
    ['two letters swapped', 'eu-wset-1', 'target dev, region: expected an AWS region (did you mean eu-west-1?), got "eu-wset-1"'],
    ['a number no region has', 'us-east-9', 'target dev, region: expected an AWS region (did you mean us-east-1?), got "us-east-9"'],
    ['capitals', 'EU-WEST-1', 'target dev, region: expected an AWS region (did you mean eu-west-1?), got "EU-WEST-1"'],
    ['nothing close', 'Europe', 'target dev, region: expected an AWS region such as eu-west-1, got "Europe"'],
  ])('a region no partition has, %s, with the region meant', (_title, region, message) => {
    expect(errorOf(writeTargets({ dev: at('111111111111', region) })).problems).toEqual([message]);
  });

  it.each(['cn-north-1', 'us-gov-west-1', 'eusc-de-east-1', 'ap-southeast-7'])('takes a region of any partition: %s', (region) => {
    expect(pickTarget(loadTargets(writeTargets({ dev: at('111111111111', region) })), 'dev').region).toBe(region);
  });
});
