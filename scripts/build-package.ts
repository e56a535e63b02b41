/**
 * `npm pack` (prepack): builds what the package ships into dist/, from the sources of this checkout.
 *
 * - dist/infra, dist/lambda: the construct compiled by tsc, with its declarations (the API is infra/index.ts);
 * - dist/function: the function's code package, bundled by the construct itself (same entry, same esbuild options
 *   REAPER_BUNDLING, same lock file), so it is byte for byte what `cdk synth` deploys from this checkout;
 * - dist/cli/main.js: the operator CLI in one file with its dependencies, which bin/instance-reaper.js runs when the
 *   TypeScript sources are not there (an installed package has no tsx);
 * - dist/THIRD-PARTY-NOTICES.md: the licences of the packages the two bundles contain.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { build, type Metafile } from 'esbuild';
import { PREBUILT_FUNCTION } from '../infra/function-code';
import { InstanceReaper } from '../infra/instance-reaper';
import { thirdPartyNotices } from './third-party-notices';

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
/** Where the compiled construct looks for the function's code: dist/infra + ../function. */
const FUNCTION_DIR = path.join(DIST, 'infra', PREBUILT_FUNCTION);

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: Record<string, unknown>;
}

function step(message: string): void {
  process.stderr.write(`build-package: ${message}\n`);
}

/** tsc in a process of its own, so it compiles while the bundles are built. */
async function compileConstruct(): Promise<void> {
  step('compiling the construct and its declarations (tsc)');
  try {
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.package.json')], { cwd: ROOT });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`tsc failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** Synthesizes the construct from the sources into a temporary folder and keeps the function's asset. */
function bundleFunction(): void {
  step('bundling the function as the construct does (esbuild, REAPER_BUNDLING)');
  const outdir = mkdtempSync(path.join(tmpdir(), 'reaper-package-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    new InstanceReaper(new Stack(app, 'Package'), 'Reaper');
    const assembly = app.synth();
    const template = assembly.getStackByName('Package').template as { Resources: Record<string, TemplateResource> };
    const functions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    const assetPath = functions.length === 1 ? functions[0]?.Metadata?.['aws:asset:path'] : undefined;
    if (typeof assetPath !== 'string') throw new Error(`expected one Lambda function with an asset, found ${functions.length}`);
    cpSync(path.join(outdir, assetPath), FUNCTION_DIR, { recursive: true });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  const exported = execFileSync(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', path.join(FUNCTION_DIR, 'index.js')], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  if (exported !== 'function') throw new Error(`the bundled function exports handler as ${exported}, not a function`);
}

async function bundleCli(): Promise<Metafile> {
  step('bundling the CLI (esbuild)');
  const result = await build({
    entryPoints: [path.join(ROOT, 'cli', 'main.ts')],
    outfile: path.join(DIST, 'cli', 'main.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    // Error names and stack traces stay readable.
    keepNames: true,
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  return result.metafile;
}

/** What the function's bundle reads, by the same resolution as its bundling (esbuild, main fields module then main). */
async function functionInputs(): Promise<Metafile> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'lambda', 'handler.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    write: false,
    outdir: path.join(tmpdir(), 'reaper-package-inputs'),
    metafile: true,
    absWorkingDir: ROOT,
    logLevel: 'warning',
  });
  return result.metafile;
}

async function main(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  const compiled = compileConstruct();
  // A failed bundle must not leave the compilation's rejection unhandled.
  compiled.catch(() => undefined);
  bundleFunction();
  const cli = await bundleCli();
  const fn = await functionInputs();
  await compiled;
  writeFileSync(path.join(DIST, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(ROOT, [...Object.keys(fn.inputs), ...Object.keys(cli.inputs)]));
  for (const file of ['infra/index.js', 'infra/index.d.ts', 'function/index.js', 'cli/main.js']) {
    if (!existsSync(path.join(DIST, file))) throw new Error(`dist/${file} was not built`);
  }
  const size = (file: string) => `${(readFileSync(path.join(DIST, file)).length / 1e6).toFixed(2)} MB`;
  step(`done: dist/function/index.js ${size('function/index.js')}, dist/cli/main.js ${size('cli/main.js')}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build-package: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
