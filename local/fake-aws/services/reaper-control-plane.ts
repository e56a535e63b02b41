import type { FakeAccount } from '../account';
import { AwsError } from '../protocol/aws-error';

/*
 * The control plane around a deployed reaper: its stack's outputs, the function (environment,
 * reserved concurrency), its schedule rule and its log events. Kept beside the account rather than
 * in it, so the data-plane state stays the fake's own; it is plain JSON and persists with the account.
 */

export interface StackRecord {
  name: string;
  createdAt: number;
  outputs: Record<string, string>;
}

export interface FunctionRecord {
  name: string;
  arn: string;
  environment: Record<string, string>;
  /** Absent: no reserved concurrency. */
  reservedConcurrency?: number;
  logGroupName: string;
  memorySize: number;
  timeoutSeconds: number;
}

export interface RuleRecord {
  name: string;
  arn: string;
  state: 'ENABLED' | 'DISABLED';
  scheduleExpression: string;
  targetArns: string[];
}

export interface LogEventRecord {
  logGroupName: string;
  logStreamName: string;
  timestamp: number;
  message: string;
  eventId: string;
}

export interface ControlPlaneState {
  stacks: Record<string, StackRecord>;
  functions: Record<string, FunctionRecord>;
  rules: Record<string, RuleRecord>;
  logEvents: LogEventRecord[];
}

/** How Invoke runs the code; set by whoever serves the account, never persisted (paths and ports change). */
export interface FunctionRuntime {
  /** The bundled `index.js`; resolved on first Invoke, since producing it may take a `cdk synth`. */
  readonly bundlePath: () => string;
  /** AWS_REGION, credentials and endpoints of the fake serving this account. */
  readonly env: Readonly<Record<string, string>>;
}

export class ControlPlane {
  runtime?: FunctionRuntime;
  /** Invocations under way per function, to refuse more than the reserved concurrency. */
  readonly running = new Map<string, number>();

  constructor(readonly state: ControlPlaneState = { stacks: {}, functions: {}, rules: {}, logEvents: [] }) {}

  /** By name or ARN (`arn:aws:lambda:region:account:function:name[:qualifier]`), as Lambda accepts. */
  fn(nameOrArn: string): FunctionRecord {
    const name = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn)?.[1] ?? nameOrArn;
    const record = this.state.functions[name];
    if (!record) throw new AwsError('ResourceNotFoundException', `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}`, 404);
    return record;
  }

  rule(name: string): RuleRecord {
    const record = this.state.rules[name];
    if (!record) throw new AwsError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus default.`);
    return record;
  }
}

const planes = new WeakMap<FakeAccount, ControlPlane>();

/** Gives an account a control plane (a deployed reaper); the services below find it by account. */
export function attachControlPlane(account: FakeAccount, plane: ControlPlane): ControlPlane {
  planes.set(account, plane);
  return plane;
}

/** An account nobody deployed to has an empty control plane: every lookup is a not-found, as on a fresh AWS account. */
export function controlPlaneOf(account: FakeAccount): ControlPlane {
  return planes.get(account) ?? attachControlPlane(account, new ControlPlane());
}
