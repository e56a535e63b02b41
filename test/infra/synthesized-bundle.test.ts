import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { synthesizedFunction } from '../../local/synthesized-bundle';

describe('the bundle cdk synth writes', () => {
  it('is self-contained: index.js copied alone outside the project loads and exports handler', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reaper-bundle-'));
    try {
      const bundle = path.join(dir, 'index.js');
      copyFileSync(synthesizedFunction().bundlePath, bundle);

      const exported = execFileSync(process.execPath, ['-e', 'process.stdout.write(typeof require(process.argv[1]).handler)', bundle], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '' },
        encoding: 'utf8',
      });

      expect(exported).toBe('function');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
