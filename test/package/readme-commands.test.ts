import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

/** Every `npx ... instance-reaper` and `npm exec ... instance-reaper` in the README, with the flags before the name. */
function invocations(): { readonly command: string; readonly flags: readonly string[] }[] {
  return [...README.matchAll(/\b(npx|npm exec)((?:\s+-[\w-]+)*)(?:\s+--)?\s+instance-reaper\b/g)].map((match) => ({
    command: match[0],
    flags: (match[2] ?? '').trim().split(/\s+/).filter(Boolean),
  }));
}

describe("the README's CLI commands", () => {
  it('never let npx or npm exec fetch a package named instance-reaper from the registry', () => {
    const found = invocations();

    expect(found.length).toBeGreaterThan(20);
    expect(found.filter(({ flags }) => !flags.includes('--no-install') && !flags.includes('--no')).map(({ command }) => command)).toEqual([]);
    expect(README).not.toMatch(/\bnpx\s+instance-reaper\b/);
  });
});
