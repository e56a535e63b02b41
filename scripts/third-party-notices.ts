import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  /** The package's licence and notice files, as shipped. */
  readonly texts: readonly string[];
}

const LICENSE_FILE = /^(licen[cs]e|notice|copying)([.-].*)?$/i;

/** The folder of the package a bundled file comes from: up to the last node_modules/NAME (or @SCOPE/NAME). */
function packageDir(input: string): string | undefined {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const scoped = parts[at + 1]?.startsWith('@') ?? false;
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

function readPackage(dir: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: unknown };
  const texts = readdirSync(dir)
    .filter((file) => LICENSE_FILE.test(file))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8').trim());
  return { name: manifest.name, version: manifest.version, license: typeof manifest.license === 'string' ? manifest.license : 'see its package', texts };
}

/**
 * THIRD-PARTY-NOTICES.md for the packages whose files the bundles contain (`inputs`: esbuild's metafile inputs,
 * relative to `root`): each package with its licence, then each distinct licence or notice text once, with the
 * packages that ship it.
 */
export function thirdPartyNotices(root: string, inputs: readonly string[]): string {
  const dirs = [...new Set(inputs.map(packageDir).filter((dir): dir is string => dir !== undefined))];
  const packages = dirs
    .map((dir) => path.join(root, dir))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map(readPackage)
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const byText = new Map<string, string[]>();
  for (const pkg of packages) {
    for (const text of pkg.texts) byText.set(text, [...(byText.get(text) ?? []), `${pkg.name}@${pkg.version}`]);
  }
  const lines = [
    '# Third-party notices',
    '',
    "instance-reaper's function bundle (dist/function/index.js) and CLI (dist/cli/main.js) contain code from the",
    'packages below, each under its own licence. instance-reaper itself is licensed under Apache-2.0 (LICENSE).',
    '',
    '| package | version | licence |',
    '|---|---|---|',
    ...packages.map((pkg) => `| ${pkg.name} | ${pkg.version} | ${pkg.license}${pkg.texts.length === 0 ? ' (the package ships no licence file)' : ''} |`),
    '',
  ];
  for (const [text, names] of byText) {
    lines.push(`## ${names.join(', ')}`, '', '```text', text, '```', '');
  }
  return lines.join('\n');
}
