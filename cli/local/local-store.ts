import { fileAccountStore, LOCAL_ACCOUNT_FILE, type LocalAccountStore } from '../../local/local-account-store';
import { localFunctionBundle } from '../../local/local-function-bundle';
import type { CliIo } from '../cli-io';

/** The store `--local` and `local` use: the injected one, or the file (INSTANCE_REAPER_LOCAL_ACCOUNT chooses another, e.g. one per experiment). */
export function localStore(io: CliIo): LocalAccountStore {
  return io.localStore ?? fileAccountStore(io.env.INSTANCE_REAPER_LOCAL_ACCOUNT ?? LOCAL_ACCOUNT_FILE, io.now, () => localFunctionBundle().environment);
}
