import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** Runs infra/app.ts as `cdk synth` does: context in CDK_CONTEXT_JSON, output to CDK_OUTDIR. */
function runApp(context: Record<string, unknown>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'reaper-app-'));
  return spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'infra', 'app.ts')], {
    cwd: ROOT,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: path.join(dir, 'cdk.out') },
    encoding: 'utf8',
  });
}

describe('infra/app.ts on a configuration mistake', () => {
  it('prints the problems alone, no stack trace and no source, and exits 1', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.json');
    writeFileSync(file, JSON.stringify({ dev: { account: '123456789012', region: 'eu-west-1', props: { dryrun: true, timeout: 600 } } }));

    const result = runApp({ targets: file, target: 'dev' });

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: 2 problem(s), nothing synthesized:`,
      '  - prop dryrun of target dev: unknown prop; did you mean dryRun, which takes true or false?',
      "  - prop timeout of target dev: unknown prop; did you mean timeoutMinutes, which takes a whole number of minutes from 1 to 15, Lambda's limit?",
    ]);
  }, 60_000);

  it('names an unknown target and the known ones', () => {
    const result = runApp({ target: 'nowhere' });

    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('Unknown target "nowhere". Known targets: dev-eu, staging-eu, prod-us');
  }, 60_000);
});
