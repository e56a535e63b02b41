import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** An entry of package-lock.json's `packages` (lockfile version 3). */
interface LockEntry {
  readonly version?: string;
  readonly name?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly [field: string]: unknown;
}

export interface PackageLock {
  readonly name: string;
  readonly lockfileVersion: 3;
  readonly requires: true;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

interface PackedManifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** Flags of a lock entry that say how the repository reaches it. */
const DEV_FLAGS = new Set(['dev', 'devOptional', 'peer']);

/** Where Node.js finds `name` for the package at `from` ('' is the project), within the lock's tree. */
function resolveIn(packages: Readonly<Record<string, LockEntry>>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

/** Every lock entry `names` need at run time, found from the project's root, with what they need in turn. */
function closure(packages: Readonly<Record<string, LockEntry>>, names: readonly string[]): string[] {
  const found = new Set<string>();
  const queue: { from: string; name: string; optional: boolean }[] = names.map((name) => ({ from: '', name, optional: false }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const location = resolveIn(packages, next.from, next.name);
    if (!location) {
      if (next.optional) continue;
      throw new Error(`the repository's lock file has no ${next.name} for ${next.from || 'the project'}`);
    }
    if (found.has(location)) continue;
    found.add(location);
    const entry = packages[location] ?? {};
    const optionalPeers = entry.peerDependenciesMeta ?? {};
    for (const name of Object.keys(entry.dependencies ?? {})) queue.push({ from: location, name, optional: false });
    for (const name of Object.keys(entry.optionalDependencies ?? {})) queue.push({ from: location, name, optional: true });
    for (const name of Object.keys(entry.peerDependencies ?? {})) queue.push({ from: location, name, optional: optionalPeers[name]?.optional === true });
  }
  return [...found].sort();
}

/**
 * A lock file for a consumer's project that depends on the packed tarball and on `peers` (its peer dependencies, at the
 * versions this repository tests with). Every other entry is the repository's own, so `npm ci` there installs exactly
 * the versions the repository's `npm ci` put in the npm cache, and reads nothing else.
 */
export function consumerLock(repoLock: PackageLock, project: string, tarball: { readonly file: string; readonly path: string; readonly manifest: PackedManifest }, peers: readonly string[]): PackageLock {
  const { manifest } = tarball;
  const runtime = [...Object.keys(manifest.dependencies ?? {}), ...peers];
  const packages: Record<string, LockEntry> = {};
  for (const location of closure(repoLock.packages, runtime)) {
    // What the package needs at run time is no longer the repository's dev or peer dependency.
    packages[location] = Object.fromEntries(Object.entries(repoLock.packages[location] ?? {}).filter(([field]) => !DEV_FLAGS.has(field)));
  }
  const versionOf = (name: string) => repoLock.packages[`node_modules/${name}`]?.version ?? '';
  const spec = `file:${tarball.file}`;
  return {
    name: project,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: project, dependencies: { [manifest.name]: spec, ...Object.fromEntries(peers.map((name) => [name, versionOf(name)])) } },
      [`node_modules/${manifest.name}`]: {
        version: manifest.version,
        resolved: spec,
        integrity: `sha512-${createHash('sha512').update(readFileSync(tarball.path)).digest('base64')}`,
        license: manifest.license,
        dependencies: manifest.dependencies,
        bin: manifest.bin,
        engines: manifest.engines,
        peerDependencies: manifest.peerDependencies,
      },
      ...packages,
    },
  };
}
