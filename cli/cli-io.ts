import type { LocalAccountStore } from '../local/local-account-store';

/** A stream the CLI writes to; `isTTY` decides whether a progress indicator is drawn. */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so tests run it in-process with their own streams, environment and clock. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  /** Where `--local` keeps its account; default the file `.build/local-account.json`. Tests keep it in memory to read the call log. */
  readonly localStore?: LocalAccountStore;
}

/** The real process's streams, environment and clock. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, now: Date.now };
}
