import { Readable } from 'node:stream';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { CliIo } from '../../cli/cli-io';
import type { ExitCode } from '../../cli/exit-codes';
import { runCli } from '../../cli/main';
import { createLocalAccount, type LocalAccount, type LocalAccountStore } from '../../local/local-account-store';
import { LOCAL_STACK } from '../../local/local-reaper-deployment';
import { synthesizedFunction } from '../../local/synthesized-bundle';
import { startFakeAws } from '../../local/fake-aws/server';
import { CONTROL_PLANE_SERVICES } from '../../local/fake-aws/services/control-plane-services';
import type { FunctionRecord, RuleRecord } from '../../local/fake-aws/services/reaper-control-plane';

export interface CliRun {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh demo account with the reaper deployed, as `instance-reaper local reset` makes it. */
export function demoAccount(): LocalAccount {
  return createLocalAccount(Date.now(), synthesizedFunction().environment);
}

/** Keeps one account in memory across commands, so a test reads the fake's call log and state directly. */
export function memoryStore(local: LocalAccount): LocalAccountStore {
  return { load: () => ({ local, created: false }), save: () => undefined, reset: () => local };
}

/** Runs one command line in-process, keeping what it prints; `stdin` is what the operator types. */
export async function runCaptured(argv: readonly string[], options: { stdin?: string; env?: CliIo['env']; localStore?: LocalAccountStore } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin ? [options.stdin] : []),
    env: options.env ?? {},
    now: Date.now,
    ...(options.localStore ? { localStore: options.localStore } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Runs one command line against the local account kept in memory. */
export function runLocal(local: LocalAccount, argv: readonly string[], stdin = ''): Promise<CliRun> {
  return runCaptured(argv, { stdin, localStore: memoryStore(local) });
}

/** The deployed function and schedule in the local account's control plane. */
export function deployed(local: LocalAccount): { fn: FunctionRecord; rule: RuleRecord } {
  const outputs = local.plane.state.stacks[LOCAL_STACK]?.outputs ?? {};
  const name = (suffix: string) => Object.entries(outputs).find(([key]) => key.includes(suffix))?.[1] ?? '';
  return { fn: local.plane.fn(name('FunctionName')), rule: local.plane.rule(name('ScheduleRuleName')) };
}

/** Actions that change something (Invoke included), as `Service:Action`. */
export const mutatingActions = (local: LocalAccount): string[] => local.account.mutatingCalls().map((call) => `${call.service}:${call.action}`);

/** Invokes the deployed function directly (not through the CLI) with a manual event, and returns its result. */
export async function invokeDeployed(local: LocalAccount, event: unknown): Promise<unknown> {
  const fake = await startFakeAws(local.account, { services: CONTROL_PLANE_SERVICES });
  local.plane.runtime = { bundlePath: () => synthesizedFunction().bundlePath, env: fake.env };
  try {
    const credentials = { accessKeyId: 'a', secretAccessKey: 'b' };
    // One attempt: a refusal (a paused function) is the answer, not something to wait out.
    const client = new LambdaClient({ endpoint: fake.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    const response = await client.send(new InvokeCommand({ FunctionName: deployed(local).fn.name, Payload: Buffer.from(JSON.stringify(event)) }));
    return JSON.parse(Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8'));
  } finally {
    local.plane.runtime = undefined;
    await fake.close();
  }
}
