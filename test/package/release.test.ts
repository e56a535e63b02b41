import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface Manifest {
  readonly version: string;
  readonly files: readonly string[];
  readonly repository?: { readonly type: string; readonly url: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url: string };
  readonly allowScripts?: Readonly<Record<string, boolean>>;
}

interface LockEntry {
  readonly hasInstallScript?: boolean;
}

const manifest = JSON.parse(read('package.json')) as Manifest;
/** https://github.com/OWNER/NAME, from the repository field. */
const repositoryPage = /^git\+(https:\/\/github\.com\/[\w.-]+\/[\w.-]+)\.git$/.exec(manifest.repository?.url ?? '')?.[1];

describe('the release', () => {
  it("is the CHANGELOG's newest version, dated, right below [Unreleased] (where changes since the release gather)", () => {
    const headings = [...read('CHANGELOG.md').matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((match) => `${match[1]}${match[2]}`);

    expect(headings.slice(0, 2)).toEqual(['Unreleased', `${manifest.version} - 2026-12-03`]);
  });

  it('names its repository, homepage and issue tracker, on one GitHub repository', () => {
    expect(manifest.repository?.type).toBe('git');
    expect(repositoryPage).toMatch(/^https:\/\/github\.com\/[\w.-]+\/instance-reaper$/);
    expect(manifest.homepage).toBe(`${repositoryPage}#readme`);
    expect(manifest.bugs?.url).toBe(`${repositoryPage}/issues`);
  });

  it("SECURITY.md's reporting address is that repository's private vulnerability reporting", () => {
    expect(read('SECURITY.md')).toContain(`<${repositoryPage}/security/advisories/new>`);
  });

  it('ships a NOTICE naming the copyright holder under the Apache License', () => {
    const notice = read('NOTICE');

    expect(read('LICENSE')).toContain('Apache License\n                           Version 2.0');
    expect(notice).toMatch(/^instance-reaper\nCopyright 20\d\d(-20\d\d)? The instance-reaper authors\n/);
    expect(manifest.files).toContain('NOTICE');
    expect(existsSync(path.join(ROOT, 'NOTICE'))).toBe(true);
  });

  it('decides on every install script of the lock file (allowScripts), so `npm ci` has none left to ask about', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));

    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in (manifest.allowScripts ?? {})))).toEqual([]);
  });
});
