import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadTargets, pickTarget } from '../../infra/targets';

const writeTargets = (content: unknown) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'targets-')), 'targets.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('deploy targets', () => {
  it('reads the shipped targets file', () => {
    const targets = loadTargets(path.join(__dirname, '../../infra/targets.json'));
    expect([...targets.keys()]).toEqual(['dev-eu', 'staging-eu', 'prod-us']);
    expect(pickTarget(targets, 'dev-eu').props.dryRun).toBe(true);
  });

  it('refuses an unknown target, listing the known ones', () => {
    const targets = loadTargets(writeTargets({ a: { account: '123456789012', region: 'eu-west-1' } }));
    expect(() => pickTarget(targets, 'b')).toThrow('Unknown target "b". Known targets: a');
  });

  it.each([
    ['a short account', { x: { account: '123', region: 'eu-west-1' } }, 'target x: account'],
    ['a bad region', { x: { account: '123456789012', region: 'Europe' } }, 'target x: region'],
    ['props that are not an object', { x: { account: '123456789012', region: 'eu-west-1', props: 3 } }, 'target x: props'],
  ])('refuses %s, naming the target and field', (_title, content, message) => {
    expect(() => loadTargets(writeTargets(content))).toThrow(message);
  });
});
