import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { aws_lambda as lambda } from 'aws-cdk-lib';
import { REAPER_BUNDLING, reaperFunctionCode } from '../../infra/function-code';

const ROOT = path.join(__dirname, '..', '..');

describe('where the function code comes from', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reaper-function-code-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A package as npm pack builds it: the compiled construct in dist/infra, the bundle in dist/function. */
  function packageLayout(withBundle: boolean): string {
    mkdirSync(path.join(dir, 'dist', 'infra'), { recursive: true });
    if (withBundle) {
      mkdirSync(path.join(dir, 'dist', 'function'));
      writeFileSync(path.join(dir, 'dist', 'function', 'index.js'), 'exports.handler = async () => ({});\n');
    }
    return path.join(dir, 'dist', 'infra', 'function-code.js');
  }

  it('from the TypeScript sources: bundles lambda/handler.ts with REAPER_BUNDLING and this checkout’s lock file', () => {
    expect(reaperFunctionCode()).toEqual({
      entry: path.join(ROOT, 'lambda', 'handler.ts'),
      handler: 'handler',
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      projectRoot: ROOT,
      bundling: REAPER_BUNDLING,
    });
  });

  it('from the sources, a bundle left in dist/function is never used', () => {
    packageLayout(true);

    const code = reaperFunctionCode(path.join(dir, 'infra', 'function-code.ts'));

    expect(code.code).toBeUndefined();
    expect(code.entry).toBe(path.join(dir, 'lambda', 'handler.ts'));
  });

  it('compiled, as installed: deploys the bundle npm pack built, next to the construct', () => {
    const code = reaperFunctionCode(packageLayout(true));

    expect(code.handler).toBe('index.handler');
    expect(code.code).toBeInstanceOf(lambda.AssetCode);
    expect((code.code as lambda.AssetCode).path).toBe(path.join(dir, 'dist', 'function'));
    expect(code.entry).toBeUndefined();
    expect(code.bundling).toBeUndefined();
  });

  it('compiled without the bundle: fails at synth, naming what is missing', () => {
    expect(() => reaperFunctionCode(packageLayout(false))).toThrow(`the function's code is missing (${path.join(dir, 'dist', 'function', 'index.js')})`);
  });
});
