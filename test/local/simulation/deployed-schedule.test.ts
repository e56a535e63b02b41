import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deployedSchedule } from '../../../local/simulation/deployed-schedule';

describe('deployedSchedule', () => {
  let dir: string;
  let bundle: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'reaper-schedule-'));
    mkdirSync(path.join(dir, 'asset.1'));
    bundle = path.join(dir, 'asset.1', 'index.js');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the scheduled rule from the template next to the bundle\'s asset folder', () => {
    const resources = { Fn: { Type: 'AWS::Lambda::Function' }, Schedule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(15 minutes)' } } };
    writeFileSync(path.join(dir, 'InstanceReaper.template.json'), JSON.stringify({ Resources: resources }));

    expect(deployedSchedule(bundle)).toBe('rate(15 minutes)');
  });

  it('is undefined without a template or a scheduled rule', () => {
    expect(deployedSchedule(bundle)).toBeUndefined();
    writeFileSync(path.join(dir, 'InstanceReaper.template.json'), JSON.stringify({ Resources: { Rule: { Type: 'AWS::Events::Rule', Properties: { EventPattern: {} } } } }));
    expect(deployedSchedule(bundle)).toBeUndefined();
  });
});
