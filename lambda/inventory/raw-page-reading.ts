import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';
import { Readable } from 'node:stream';
import { setImmediate as otherAnswersTurn } from 'node:timers/promises';

/** The middleware's name: a caller that must see the SDK's own parse of an answer removes it from the command. */
export const RAW_READING = 'reaperRawPageReading';

/** Reads one answer's text as it arrives, chunk by chunk, into a page. */
export interface PageReader<Page> {
  write(chunk: string): void;
  /** Ends the answer: throws when it was cut short. */
  close(): Page;
}

/**
 * Reads the body chunk by chunk. After each chunk the reader lets the event loop run (setImmediate), so the other
 * answers arriving at the same time are read between this one's chunks: a chain of small pages (the groups', on which
 * the templates and gates wait) is not held back behind 4.7 MB pages of instances (about 0.1 s of a 10,000-instance run).
 */
async function readBody(body: unknown, reader: PageReader<unknown>): Promise<void> {
  const decoder = new TextDecoder();
  if (typeof body === 'string') reader.write(body);
  else if (body instanceof Uint8Array) reader.write(decoder.decode(body));
  else {
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      reader.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      await otherAnswersTurn();
    }
  }
  reader.write(decoder.decode());
}

/**
 * Has a command's successful answer read by a fresh `PageReader` as it arrives, inside the SDK's deserializer (step
 * `deserialize`, priority `low`: it runs on the raw response before the deserializer parses it), then hands the SDK
 * `emptyAnswer` to parse instead: the SDK never builds, and the run never holds, the whole answer. Each attempt reads
 * afresh, so a retried call keeps only the answer that succeeded. Errors (status >= 300) go to the SDK untouched:
 * throttling is retried and failures are typed as for any call. `onPage` is not called when no raw answer came (a
 * stubbed client): the caller then reads the SDK's own parse.
 */
export function readRaw<Input extends object, Output extends object, Page>(
  command: { readonly middlewareStack: MiddlewareStack<Input, Output> },
  newReader: () => PageReader<Page>,
  emptyAnswer: string,
  onPage: (page: Page) => void,
): void {
  const middleware: DeserializeMiddleware<Input, Output> = (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    if ((response.statusCode ?? 500) >= 300) return result;
    const reader = newReader();
    await readBody(response.body, reader);
    onPage(reader.close());
    response.body = Readable.from([Buffer.from(emptyAnswer)]);
    return result;
  };
  command.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: RAW_READING });
}
