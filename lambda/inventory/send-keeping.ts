import type { MiddlewareStack, StaticOperationSchema } from '@smithy/types';
import { Interned } from '../util/interned';
import { withOwnStrings } from '../util/own-copy';
import { readRaw } from './raw-page-reading';
import { keepOnly, SchemaPageReader, type Keep } from './schema-page-reader';

/** How a service wraps an answer's members: `<ActionResponse><ActionResult>` in awsQuery (Auto Scaling), `<ActionResponse>` in EC2's protocol. */
export type QueryProtocol = 'awsQuery' | 'ec2';

/** What is read of an operation's answers: its schema (the SDK's `Operation$`), its protocol and the members kept. */
export interface KeptAnswer {
  readonly operation: StaticOperationSchema;
  readonly protocol: QueryProtocol;
  readonly keep: Keep;
}

const operationName = (operation: StaticOperationSchema): string => operation[2];

function wrappersOf({ operation, protocol }: KeptAnswer): string[] {
  const name = operationName(operation);
  return protocol === 'awsQuery' ? [`${name}Response`, `${name}Result`] : [`${name}Response`];
}

/** What the SDK is left to parse once an answer has been read: an answer with nothing in it. */
function emptyAnswerOf({ operation, protocol }: KeptAnswer): string {
  const name = operationName(operation);
  return protocol === 'awsQuery' ? `<${name}Response><${name}Result/></${name}Response>` : `<${name}Response/>`;
}

/**
 * Sends a command and returns the members `answer.keep` names of its answer, read as it arrives (the SDK never parses
 * it); when no raw answer came (a stubbed client), the same members cut from the SDK's parse. Strings are own copies
 * either way, interned in `interned` (share one across a read's pages).
 */
export async function sendKeeping<Input extends object, Output extends object>(
  command: { readonly middlewareStack: MiddlewareStack<Input, Output> },
  send: () => Promise<Output>,
  answer: KeptAnswer,
  interned: Interned = new Interned(),
): Promise<Output> {
  let read: Output | undefined;
  readRaw(command, () => new SchemaPageReader<Output>(answer.operation, wrappersOf(answer), answer.keep, interned), emptyAnswerOf(answer), (page) => (read = page));
  const output = await send();
  return read ?? withOwnStrings(keepOnly(output ?? ({} as Output), answer.keep));
}
