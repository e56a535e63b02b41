import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seedDemoFleet } from './demo-fleet';
import { FakeAccount } from './fake-aws/account';
import { attachControlPlane, ControlPlane, type ControlPlaneState } from './fake-aws/services/reaper-control-plane';
import type { AccountState } from './fake-aws/state';
import { deployLocalReaper } from './local-reaper-deployment';

/** The local account between CLI commands (`.build/` is gitignored). */
export const LOCAL_ACCOUNT_FILE = path.join(__dirname, '..', '.build', 'local-account.json');

/** A local AWS account with the reaper deployed in it. */
export interface LocalAccount {
  readonly account: FakeAccount;
  readonly plane: ControlPlane;
}

export interface LocalAccountStore {
  /** The saved account, or a new demo account when none is saved yet (`created`). */
  load(): { readonly local: LocalAccount; readonly created: boolean };
  save(local: LocalAccount): void;
  /** Replaces whatever is saved with a new demo account. */
  reset(): LocalAccount;
}

interface SavedAccount {
  readonly version: 1;
  readonly account: AccountState;
  readonly controlPlane: ControlPlaneState;
}

/** The demo fleet at `now`, with the reaper deployed with its synthesized environment. */
export function createLocalAccount(now: number, environment: Readonly<Record<string, string>>): LocalAccount {
  const account = new FakeAccount();
  seedDemoFleet(account, now);
  return { account, plane: deployLocalReaper(account, environment, now) };
}

function readSaved(file: string): LocalAccount | undefined {
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedAccount;
  if (saved.version !== 1) throw new Error(`${file}: unknown format version ${String(saved.version)}; run 'instance-reaper local reset'`);
  const account = new FakeAccount({}, saved.account);
  return { account, plane: attachControlPlane(account, new ControlPlane(saved.controlPlane)) };
}

/** A store in one JSON file, written whole through a temporary file so an interrupted save never leaves half an account. */
export function fileAccountStore(file: string, now: () => number, environment: () => Readonly<Record<string, string>>): LocalAccountStore {
  const store: LocalAccountStore = {
    load() {
      const saved = readSaved(file);
      return saved ? { local: saved, created: false } : { local: store.reset(), created: true };
    },
    save(local) {
      const saved: SavedAccount = { version: 1, account: JSON.parse(local.account.serialize()) as AccountState, controlPlane: local.plane.state };
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(saved));
      renameSync(`${file}.tmp`, file);
    },
    reset() {
      const local = createLocalAccount(now(), environment());
      store.save(local);
      return local;
    },
  };
  return store;
}
