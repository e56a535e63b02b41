import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { aws_lambda as lambda, type aws_lambda_nodejs as nodejs } from 'aws-cdk-lib';

/** How the function is bundled. Exported so the bench can bundle a baseline exactly the same way. */
export const REAPER_BUNDLING: nodejs.BundlingOptions = {
  minify: true,
  // An external map, to read a stack trace from the logs against: it costs index.js nothing, and
  // Node reads it only when NODE_OPTIONS=--enable-source-maps is set (which costs ~15 ms per cold start).
  // Without the sources' text it is 2.1 MB instead of 5.2 MB, and the code package half the size.
  sourceMap: true,
  sourcesContent: false,
  target: 'node22',
  externalModules: [],
  mainFields: ['module', 'main'],
  forceDockerBundling: false,
};

/** Where `npm pack` leaves the function's code package (scripts/build-package.ts), relative to the compiled construct. */
export const PREBUILT_FUNCTION = path.join('..', 'function');

/** The props of the function's NodejsFunction that say where its code comes from. */
export type FunctionCode = Pick<nodejs.NodejsFunctionProps, 'code' | 'handler' | 'entry' | 'depsLockFilePath' | 'projectRoot' | 'bundling'>;

/**
 * The function's code. From the TypeScript sources (this checkout: `cdk synth`, the tests, the bench), it is bundled
 * from `lambda/handler.ts` on every synth, pinned by this checkout's lock file. The installed package has no sources
 * and no lock file: its construct is compiled (`dist/infra/*.js`) and deploys the bundle `npm pack` built with the same
 * options, in `dist/function`, so the consumer needs neither esbuild nor Docker. Which of the two is decided by the file
 * this module runs from, never by whether a bundle happens to exist: a stale `dist/` in a checkout is never deployed.
 */
export function reaperFunctionCode(moduleFile: string = __filename): FunctionCode {
  const dir = path.dirname(moduleFile);
  if (path.extname(moduleFile) !== '.js') {
    const root = path.join(dir, '..');
    return {
      entry: path.join(root, 'lambda', 'handler.ts'),
      handler: 'handler',
      depsLockFilePath: path.join(root, 'package-lock.json'),
      projectRoot: root,
      bundling: REAPER_BUNDLING,
    };
  }
  const prebuilt = path.join(dir, PREBUILT_FUNCTION);
  if (!existsSync(path.join(prebuilt, 'index.js'))) {
    throw new Error(`instance-reaper: the function's code is missing (${path.join(prebuilt, 'index.js')}); install the package built by npm pack, whose prepack script builds it`);
  }
  return { code: lambda.Code.fromAsset(prebuilt), handler: 'index.handler' };
}
