import { App, Duration, Stack, aws_events as events } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { InstanceReaper } from '../../infra/instance-reaper';
import type { InstanceReaperProps } from '../../infra/props';
import { InvalidPropsError, assertValidProps, propsProblems } from '../../infra/validate-props';
import { CDK_CONTEXT_NO_BUNDLING } from './cdk-context';

/** Props as JavaScript (or JSON read by other code) can pass them, past TypeScript's types. */
const untyped = (props: Record<string, unknown>) => props as InstanceReaperProps;
const messagesOf = (props: InstanceReaperProps) => propsProblems(props).map(({ prop, message }) => `${prop}: ${message}`);

describe('InstanceReaper props through the construct API: no TypeError, no stack dump, one error naming every prop', () => {
  it('throws InvalidPropsError before anything is built, naming all the props at once', () => {
    const stack = new Stack(new App({ context: CDK_CONTEXT_NO_BUNDLING }), 'Bad');
    const props = untyped({ dryrun: true, dryRun: 'yes', timeout: 600, alarmNames: 'a,b', logRetention: 366, schedule: 'every 15 minutes' });

    let error: unknown;
    try {
      new InstanceReaper(stack, 'Reaper', props);
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(InvalidPropsError);
    expect((error as InvalidPropsError).problems.map(({ prop }) => prop).sort()).toEqual(['alarmNames', 'dryRun', 'dryrun', 'logRetention', 'schedule', 'timeout']);
    expect((error as Error).message).toMatch(/^Invalid InstanceReaper props: dryrun: unknown prop; did you mean dryRun\?; /);
    expect(stack.node.tryFindChild('Reaper')?.node.children).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a misspelt prop', { dryrun: true }, 'dryrun: unknown prop; did you mean dryRun?'],
    ['a prop no one knows', { colour: 'red' }, 'colour: unknown prop; the props are dryRun, maxAgeDays, '],
    ['a boolean as a string', { dryRun: 'yes' }, 'dryRun: expected true or false, got "yes"'],
    ['a number as a string', { maxAgeDays: 'four weeks' }, 'maxAgeDays: expected a number of days, got "four weeks"'],
    ['a budget of the wrong type', { maxTerminationsPerGroup: true }, 'maxTerminationsPerGroup: expected a whole number >= 1 or a percentage such as "25%", got true'],
    ['alarm names as one string', { alarmNames: 'a,b' }, 'alarmNames: expected an array of strings, got "a,b"'],
    ['alarm names the variable cannot carry', { alarmNames: ['a,b', ' padded', ''] }, 'alarmNames: expected alarm names without commas or surrounding spaces (the function reads them as one comma-separated list), got ["a,b"," padded",""]'],
    ['a timeout in seconds', { timeout: 600 }, "timeout: expected a Duration from 1 second to 15 minutes in whole seconds (Lambda's limit), such as Duration.minutes(5), got 600"],
    ['a timeout past Lambda\'s limit', { timeout: Duration.minutes(16) }, "timeout: expected a Duration from 1 second to 15 minutes in whole seconds (Lambda's limit), got 16 minutes"],
    ['a timeout in parts of a second', { timeout: Duration.millis(1500) }, 'timeout: expected a Duration from 1 second to 15 minutes in whole seconds'],
    ['a log retention CloudWatch Logs does not offer', { logRetention: 366 }, "logRetention: expected one of CloudWatch Logs' retention periods in days (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, or 9999 to keep logs forever), got 366"],
    ['a schedule EventBridge does not understand', { schedule: 'every 15 minutes' }, 'schedule: expected an EventBridge schedule expression, rate(VALUE UNIT) such as "rate(15 minutes)"'],
    ['a malformed events.Schedule', { schedule: events.Schedule.expression('rate(5 minute)') }, 'schedule: rate: 5 takes the plural unit, "rate(5 minutes)", got "rate(5 minute)"'],
    ['a schedule that is neither', { schedule: 15 }, 'schedule: expected a schedule expression (a string) or an events.Schedule'],
    ['memory below Lambda\'s range', { memorySize: 64 }, "memorySize: expected a whole number of MB from 128 to 10240 (Lambda's limit), got 64"],
    ['memory that is not whole MB', { memorySize: 1024.5 }, 'memorySize: expected a whole number of MB'],
    ['an email address without @', { notificationEmail: 'oncall' }, 'notificationEmail: expected an email address, got "oncall"'],
    ['a parameter name without /', { blockedAmisParameterName: 'blocked-amis' }, 'blockedAmisParameterName: expected an SSM parameter name such as "/instance-reaper/blocked-amis"'],
    ['a parameter name under AWS\'s prefix', { blockedAmisParameterName: '/aws/blocked' }, 'not under /aws or /ssm, got "/aws/blocked"'],
    ['a parameter name under SSM\'s prefix', { blockedAmisParameterName: '/SSM-x' }, 'not under /aws or /ssm, got "/SSM-x"'],
    ['a parameter name with a space', { blockedAmisParameterName: '/team/blocked amis' }, 'blockedAmisParameterName: expected an SSM parameter name'],
    ['a parameter name with an empty level', { blockedAmisParameterName: '/team//blocked' }, 'blockedAmisParameterName: expected an SSM parameter name'],
    ['a parameter name 16 levels deep', { blockedAmisParameterName: '/a'.repeat(16) }, 'blockedAmisParameterName: expected an SSM parameter name'],
    ['alias patterns as one string', { amiAliasParameters: '/ami/*' }, 'amiAliasParameters: expected an array of SSM parameter name patterns starting with "/"'],
    ['a central bus by name', { centralEventBusArn: 'instance-reaper-central' }, 'centralEventBusArn: expected an EventBridge event bus ARN such as "arn:aws:events:eu-west-1:111111111111:event-bus/instance-reaper-central", got "instance-reaper-central"'],
    ['a topic ARN as the central bus', { centralEventBusArn: 'arn:aws:sns:eu-west-1:111111111111:central' }, 'centralEventBusArn: expected an EventBridge event bus ARN'],
  ])('%s', (_title, props, message) => {
    expect(messagesOf(untyped(props))).toEqual([expect.stringContaining(message)]);
    expect(() => assertValidProps(untyped(props))).toThrow(`Invalid InstanceReaper props: ${messagesOf(untyped(props))[0]}`);
  });

  it.each<[string, InstanceReaperProps]>([
    ['nothing: the defaults', {}],
    ['an events.Schedule', { schedule: events.Schedule.rate(Duration.hours(1)) }],
    ['a cron expression', { schedule: 'cron(0 3 ? * MON-FRI *)' }],
    ['thirteen months of logs (400 days is one of the periods)', { logRetention: RetentionDays.THIRTEEN_MONTHS }],
    ['logs kept forever', { logRetention: RetentionDays.INFINITE }],
    ['Lambda\'s longest timeout', { timeout: Duration.minutes(15) }],
    ['a hierarchical parameter name', { blockedAmisParameterName: '/platform/reaper/blocked-amis' }],
    ['no alias patterns at all', { amiAliasParameters: [] }],
    ['a central bus in another account and region', { centralEventBusArn: 'arn:aws:events:us-east-1:999999999999:event-bus/instance-reaper-central' }],
    ['every policy prop', { dryRun: true, maxAgeDays: 14.5, amiMaxAgeDays: 0, amiDrift: false, maxTerminationsPerGroup: '10%', maxTerminations: 0, alarmNames: ['a', 'b'], maintenanceWindow: 'Sat,Sun 22:00-06:00 Europe/Berlin', graceDays: 0, bakeMinutes: 0, lifetimeJitterPercent: 100, surgeTimeoutMinutes: 1 }],
  ])('takes %s', (_title, props) => {
    expect(propsProblems(props)).toEqual([]);
  });
});
