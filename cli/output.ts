import type { CliIo } from './cli-io';

/** Where a command's result goes: a readable text on stdout, or with `--json` one JSON document and nothing else. */
export interface Output {
  readonly json: boolean;
  /** The command's result: `human` for people, `data` for `--json`. */
  result(human: string, data: unknown): void;
  /** Text for people along the way (a preview): stdout, or stderr under `--json` so stdout stays one JSON document. */
  info(text: string): void;
  /** A note for the operator on stderr, so it never mixes into `--json` output. */
  note(text: string): void;
}

export function createOutput(io: CliIo, json: boolean): Output {
  return {
    json,
    result(human, data) {
      io.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human}\n`);
    },
    info(text) {
      (json ? io.stderr : io.stdout).write(`${text}\n`);
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
  };
}
