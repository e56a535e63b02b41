import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack, aws_lambda as lambda, aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';
import { REAPER_BUNDLING } from '../infra/instance-reaper';

const ROOT = path.join(__dirname, '..');

export interface Bundle {
  /** The temporary synthesis holding the bundle: the caller removes it when done. */
  readonly dir: string;
  readonly bundlePath: string;
  /** esbuild's account of which input contributed how many bytes, when asked for. */
  readonly metafilePath?: string;
}

/**
 * Bundles an entry through the same NodejsFunction bundling as the function (same esbuild, same
 * options, same lock file), in a synthesis of its own, so bundles differ only in what they import.
 */
export function bundleWithFunctionOptions(entry: string, options: { readonly metafile?: boolean } = {}): Bundle {
  const outdir = mkdtempSync(path.join(tmpdir(), 'reaper-bench-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench');
  new nodejs.NodejsFunction(stack, 'Function', {
    entry,
    depsLockFilePath: path.join(ROOT, 'package-lock.json'),
    projectRoot: ROOT,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    bundling: { ...REAPER_BUNDLING, metafile: options.metafile ?? false, logLevel: nodejs.LogLevel.ERROR },
  });
  app.synth();
  const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
  if (assets.length !== 1) throw new Error(`expected one bundled asset in ${outdir}, found ${assets.length}`);
  const assetDir = path.join(outdir, assets[0] ?? '');
  const metafilePath = path.join(assetDir, 'index.meta.json');
  return { dir: outdir, bundlePath: path.join(assetDir, 'index.js'), metafilePath: existsSync(metafilePath) ? metafilePath : undefined };
}
