import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

/** Where the scripts write cloud assemblies: cdk's default cdk.out, and every `-o DIR` of package.json's scripts. */
function assemblyDirectories(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const named = Object.values(scripts).flatMap((script) => [...script.matchAll(/(?:^|\s)(?:-o|--output)[\s=]+([^\s"']+)/g)].map((match) => match[1] ?? ''));
  return [...new Set(['cdk.out', ...named])].sort();
}

/** ESLint's own answer, with this checkout's eslint.config.mjs (loaded by a plain Node.js process: it is an ES module). */
function ignoredByEslint(files: readonly string[]): boolean[] {
  const script = `const { ESLint } = require('eslint');
const eslint = new ESLint({ cwd: process.argv[1] });
Promise.all(process.argv.slice(2).map((file) => eslint.isPathIgnored(file))).then((ignored) => process.stdout.write(JSON.stringify(ignored)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, ROOT, ...files], { cwd: ROOT, encoding: 'utf8' })) as boolean[];
}

describe('ESLint', () => {
  it('ignores the bundled JavaScript of every cloud assembly the scripts write (cdk.out, cdk.org.out)', () => {
    const directories = assemblyDirectories();
    const bundles = directories.map((directory) => path.join(ROOT, directory, 'asset.0123abcd', 'index.js'));

    expect(directories).toEqual(expect.arrayContaining(['cdk.out', 'cdk.org.out']));
    expect(ignoredByEslint(bundles)).toEqual(bundles.map(() => true));
  });

  it('still lints the sources', () => {
    const sources = ['infra/org/central-stack.ts', 'lambda/handler.ts', 'cli/main.ts'].map((file) => path.join(ROOT, file));

    expect(ignoredByEslint(sources)).toEqual([false, false, false]);
  });
});
