import { existsSync } from 'node:fs';
import { fileAccountStore, LOCAL_ACCOUNT_FILE, type LocalAccount, type LocalAccountStore } from '../../local/local-account-store';
import { localFunctionBundle } from '../../local/local-function-bundle';
import type { CliIo } from '../cli-io';
import { CommandFailedError } from '../errors';

/** The file `--local` and `local` keep the account in (INSTANCE_REAPER_LOCAL_ACCOUNT chooses another, e.g. one per experiment). */
export const localAccountFile = (io: CliIo): string => io.env.INSTANCE_REAPER_LOCAL_ACCOUNT ?? LOCAL_ACCOUNT_FILE;

/** The store `--local` and `local` use: the injected one, or the file. */
export function localStore(io: CliIo): LocalAccountStore {
  return io.localStore ?? fileAccountStore(localAccountFile(io), io.now, () => localFunctionBundle().environment);
}

/** The saved account (created on first use); a file that cannot be read is named, with the command that replaces it. */
export function loadLocalAccount(io: CliIo): { readonly local: LocalAccount; readonly created: boolean } {
  const file = localAccountFile(io);
  // Only reading a saved file is guarded: creating one may fail for other reasons (synthesizing the function), which speak for themselves.
  if (io.localStore || !existsSync(file)) return localStore(io).load();
  try {
    return localStore(io).load();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CommandFailedError(`the local account in ${file} cannot be read (${why}); 'instance-reaper local reset' replaces it with a fresh demo account`, { cause: error });
  }
}
