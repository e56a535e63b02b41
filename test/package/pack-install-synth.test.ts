import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  ModuleKind,
  ScriptKind,
  ScriptTarget,
  createSourceFile,
  forEachChild,
  isCallExpression,
  isIdentifier,
  isStringLiteralLike,
  transpileModule,
  type Node,
} from 'typescript';
import { synthesizedFunction } from '../../local/synthesized-bundle';
import { consumerLock, type PackageLock } from './consumer-lock';

const ROOT = path.join(__dirname, '..', '..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
/** The peer dependencies a consumer's app installs next to the package (at the versions this repository tests with). */
const PEERS = ['aws-cdk-lib', 'constructs', 'cdk-nag'];
/** What a checkout holds that is not the project: never copied for packing. */
const NOT_SOURCES = new Set(['node_modules', '.git', 'dist', '.build', 'cdk.out', 'coverage']);
const STACK = 'InstanceReaper';

const execFileAsync = promisify(execFile);

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with a plain environment: nothing of this checkout (npm's lifecycle variables, jest's) leaks in. */
async function run(command: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  const base = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'LANG', 'npm_config_cache', 'NPM_CONFIG_CACHE', 'NPM_CONFIG_USERCONFIG', 'npm_config_userconfig']
      .filter((name) => process.env[name] !== undefined)
      .map((name) => [name, process.env[name] ?? '']),
  );
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd,
      env: { ...base, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    });
    return { stdout, stderr };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stderr ?? ''}\n${stdout ?? ''}`.trim(), { cause: error });
  }
}

/** The README's consumer app: the TypeScript block of "### The construct" that imports the package. */
function readmeApp(): string {
  const section = README.slice(README.indexOf('### The construct'), README.indexOf('\n## ', README.indexOf('### The construct')));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const app = blocks.find((block) => block.includes("from 'instance-reaper'"));
  if (!app) throw new Error("README: no TypeScript block importing 'instance-reaper' in '### The construct'");
  return app;
}

interface PackResult {
  readonly filename: string;
  readonly size: number;
  readonly files: readonly { readonly path: string }[];
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** Every .js file under `dir`, recursively. */
function javaScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return javaScriptFiles(file);
    return entry.name.endsWith('.js') ? [file] : [];
  });
}

/**
 * The packages a file loads: its require('...') calls (a bundle's externals, the compiled construct's imports), found by
 * parsing it, so text that only mentions require (the SDK's error messages do) is not one. Node.js's own are left out.
 */
function requiredPackages(file: string): string[] {
  const source = createSourceFile(file, readFileSync(file, 'utf8'), ScriptTarget.ES2022, false, ScriptKind.JS);
  const specifiers: string[] = [];
  const visit = (node: Node): void => {
    if (isCallExpression(node) && isIdentifier(node.expression) && ['require', '__require'].includes(node.expression.text)) {
      const [argument] = node.arguments;
      if (argument && isStringLiteralLike(argument)) specifiers.push(argument.text);
    }
    forEachChild(node, visit);
  };
  visit(source);
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier.split('/')[0] ?? ''))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

let work: string;
let packed: PackResult;
let app: string;
let outdir: string;
const timings: string[] = [];

async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await step();
  timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'reaper-pack-'));
  // Packs a copy of this checkout, so the build's dist/ never races another test run in the same tree.
  const source = path.join(work, 'source');
  cpSync(ROOT, source, { recursive: true, filter: (from) => !NOT_SOURCES.has(path.basename(from)) && !from.endsWith('.tgz') });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  const pack = await timed('npm pack', () => run('npm', ['pack', '--json', '--pack-destination', work], source));
  packed = (JSON.parse(pack.stdout) as PackResult[])[0] as PackResult;

  app = path.join(work, 'app');
  mkdirSync(app);
  const tarballPath = path.join(app, packed.filename);
  cpSync(path.join(work, packed.filename), tarballPath);
  const manifest = JSON.parse((await run('tar', ['-xzOf', tarballPath, 'package/package.json'], app)).stdout) as Parameters<typeof consumerLock>[2]['manifest'];
  const repoLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as PackageLock;
  const lock = consumerLock(repoLock, 'reaper-consumer', { file: packed.filename, path: tarballPath, manifest }, PEERS);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'reaper-consumer', private: true, dependencies: lock.packages['']?.dependencies }, null, 2));
  writeFileSync(path.join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
  // The tarball's versions come from the npm cache `npm ci` filled here; the registry is asked only for what it lacks.
  await timed('npm ci', () => run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], app));

  // The README's snippet, type-checked against the installed declarations with the settings of `cdk init app
  // --language typescript`, while its JavaScript synthesizes (the two take about as long).
  const appSource = readmeApp();
  writeFileSync(path.join(app, 'app.ts'), appSource);
  writeFileSync(path.join(app, 'app.js'), transpileModule(appSource, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022 } }).outputText);
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [] }, files: ['app.ts'] };
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  outdir = path.join(app, 'cdk.out');
  await Promise.all([
    timed('tsc', () => run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], app)),
    // As `cdk synth` runs an app: CDK_OUTDIR set, so the app synthesizes on exit. No credentials, no network.
    timed('synth', () => run(process.execPath, ['app.js'], app, { CDK_OUTDIR: outdir })),
  ]);
}, 600_000);

afterAll(() => {
  process.stderr.write(`pack-install-synth: ${timings.join(', ')}; ${packed ? `${packed.filename} ${(packed.size / 1e6).toFixed(2)} MB` : 'not packed'}\n`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the package, installed in a CDK app', () => {
  it('ships the compiled construct with its types, the function bundle, the CLI and the licence, and no sources', () => {
    const files = packed.files.map((file) => file.path);

    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'SECURITY.md',
        'NOTICE',
        'bin/instance-reaper.js',
        'dist/infra/index.js',
        'dist/infra/index.d.ts',
        'dist/function/index.js',
        'dist/cli/main.js',
        'dist/THIRD-PARTY-NOTICES.md',
      ]),
    );
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => !file.startsWith('dist/') && !file.startsWith('bin/') && !/^[A-Z-]+(\.md)?$|^package\.json$/.test(file))).toEqual([]);
    expect(packed.size).toBeLessThan(3e6);
  });

  it('loads from dist/ only what its dependencies and peers provide, and every dependency it declares is loaded', () => {
    const installed = path.join(app, 'node_modules', 'instance-reaper');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
    const files = javaScriptFiles(path.join(installed, 'dist'));
    const required = [...new Set(files.flatMap(requiredPackages))].sort();
    const provided = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];

    expect(files.map((file) => path.relative(installed, file))).toEqual(expect.arrayContaining(['dist/infra/index.js', 'dist/function/index.js', 'dist/cli/main.js']));
    expect(required.filter((name) => !provided.includes(name))).toEqual([]);
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => !required.includes(name))).toEqual([]);
    expect(required).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs']));
  });

  it("synthesizes the README's app offline: one function, deploying the bundle built at pack time", () => {
    const template = JSON.parse(readFileSync(path.join(outdir, `${STACK}.template.json`), 'utf8')) as { Resources: Record<string, TemplateResource> };
    const functions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    const fn = functions[0] as TemplateResource;
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs22.x', Architectures: ['arm64'] });

    // The function's code is the asset its S3 key names, a folder of the cloud assembly.
    const assets = JSON.parse(readFileSync(path.join(outdir, `${STACK}.assets.json`), 'utf8')) as { files: Record<string, { source: { path: string; packaging?: string } }> };
    const key = String((fn.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key);
    const asset = assets.files[key.replace(/\.zip$/, '')];
    expect(asset?.source.packaging).toBe('zip');
    const folder = path.join(outdir, asset?.source.path ?? '');
    expect(readdirSync(folder).sort()).toEqual(['index.js', 'index.js.map']);
    // Exactly what `cdk synth` bundles from this checkout's sources: the same construct's bundling, done at pack time.
    expect(readFileSync(path.join(folder, 'index.js')).equals(readFileSync(synthesizedFunction().bundlePath))).toBe(true);

  });

  it('passes the AwsSolutions rules of the app\'s cdk-nag: no error, no finding, the construct\'s suppressions applied', () => {
    // The stack's annotations: in the manifest, or in the file it names (errors fail `cdk synth`).
    type Metadata = Record<string, { type: string; data: unknown }[]>;
    const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { metadata?: Metadata; additionalMetadataFile?: string }> };
    const artifact = manifest.artifacts[STACK];
    const more = artifact?.additionalMetadataFile ? (JSON.parse(readFileSync(path.join(outdir, artifact.additionalMetadataFile), 'utf8')) as Metadata) : {};
    const entries = [...Object.values(artifact?.metadata ?? {}), ...Object.values(more)].flat();
    expect(entries.filter((entry) => entry.type === 'aws:cdk:logicalId').length).toBeGreaterThan(10);
    expect(entries.filter((entry) => entry.type === 'aws:cdk:error' || (entry.type === 'aws:cdk:warning' && String(entry.data).includes('AwsSolutions-')))).toEqual([]);

    // cdk-nag's own account of every rule it checked, per resource.
    const report = readdirSync(outdir).find((file) => /^AwsSolutions-.*NagReport\.csv$/.test(file));
    const rows = readFileSync(path.join(outdir, report ?? 'missing-nag-report'), 'utf8').trim().split('\n').slice(1);
    const compliance = (row: string) => /^"[^"]*","[^"]*","([^"]*)"/.exec(row)?.[1];
    expect(rows.filter((row) => compliance(row) === 'Non-Compliant')).toEqual([]);
    expect(rows.filter((row) => compliance(row) === 'Compliant').length).toBeGreaterThan(0);
    expect(rows.filter((row) => compliance(row) === 'Suppressed').length).toBeGreaterThan(0);
  });

  it('the deployed index.js loads on its own and exports handler', async () => {
    const template = JSON.parse(readFileSync(path.join(outdir, `${STACK}.assets.json`), 'utf8')) as { files: Record<string, { source: { path: string } }> };
    const folders = Object.values(template.files)
      .map((file) => path.join(outdir, file.source.path))
      .filter((folder) => existsSync(path.join(folder, 'index.js')));
    expect(folders).toHaveLength(1);
    const loaded = await run(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', path.join(folders[0] ?? '', 'index.js')], work);
    expect(loaded.stdout).toBe('function');
  });

  it('runs the operator CLI from node_modules/.bin without the repository or its devDependencies', async () => {
    const bin = path.join(app, 'node_modules', '.bin', 'instance-reaper');

    const help = await run(bin, ['--help'], app);
    expect(help.stdout).toContain('Usage: instance-reaper <command>');
    expect(help.stderr).toBe('');

    await expect(run(bin, ['plan', '--bogus'], app)).rejects.toThrow("Unknown option '--bogus'");
    await expect(run(bin, ['local', 'reset'], app)).rejects.toThrow('needs a checkout of the instance-reaper repository');
    expect(existsSync(path.join(app, 'node_modules', 'tsx'))).toBe(false);
  });
});
