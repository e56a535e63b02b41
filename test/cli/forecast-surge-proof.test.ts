import { formatForecastResult } from '../../cli/forecast/format-forecast-result';
import { surgeProofMessage } from '../../lambda/policy/surge-proof';
import { formatSurgeState } from '../../lambda/policy/surge-state';
import { FakeAccount } from '../../local/fake-aws/account';
import { DAY, forecastOf, MONDAY, settingsOf } from './forecast-harness';

const MINUTE = 60_000;

/** A group of one mid-surge in the source: `old` replaced, `added` launched 10 minutes ago, its record written. */
function seedSurge(account: FakeAccount, proof: (record: string) => string | undefined): { old: string; added: string } {
  const imageId = account.addImage({ name: 'solo', creationDate: MONDAY - 10 * DAY });
  const template = account.addLaunchTemplate({ name: 'solo', imageId });
  account.addGroup({ name: 'solo', minSize: 1, maxSize: 2, desiredCapacity: 2, launchTemplate: { id: template, version: '$Latest' } });
  const old = account.addInstance({ group: 'solo', launchTime: MONDAY - 40 * DAY });
  const added = account.addInstance({ group: 'solo', launchTime: MONDAY - 10 * MINUTE });
  const record = formatSurgeState({ startedAt: MONDAY - 11 * MINUTE, desiredCapacity: 2, added: 1, addedUnits: 1, instanceIds: [old] });
  account.setGroupTag('solo', 'instance-reaper:surge-state', record);
  const signed = proof(record);
  if (signed !== undefined) account.setGroupTag('solo', 'instance-reaper:surge-proof', signed);
  return { old, added };
}

describe('plan --forecast with a surge under way', () => {
  it('finishes a surge whose record the deployed key proves: the copy signs it again with its own key', async () => {
    const source = new FakeAccount({ now: () => MONDAY });
    const key = source.createKey();
    const { old } = seedSurge(source, (record) => source.generateMac(key, surgeProofMessage(source.group('solo').arn, record)));

    const { result, copy } = await forecastOf(source, settingsOf({ REAPER_STATE_KEY_ARN: key }), { start: MONDAY, intervalMs: 15 * MINUTE, runs: 2 });

    expect(copy.stateKeyArn).not.toBe(key);
    expect(result.errors).toEqual([]);
    expect(result.rotations.map((rotation) => rotation.instanceId)).toEqual([old]);
  });

  it('refuses, as the function would, a record the deployed key does not prove', async () => {
    const source = new FakeAccount({ now: () => MONDAY });
    const key = source.createKey();
    seedSurge(source, () => undefined);

    const { result } = await forecastOf(source, settingsOf({ REAPER_STATE_KEY_ARN: key }), { start: MONDAY, intervalMs: 15 * MINUTE, runs: 2 });

    expect(result.rotations).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ group: 'solo', code: 'state-refused', message: expect.stringContaining('was not written by a run of the reaper'), runs: 2 })]);
    const setting = { policySource: 'test', policy: [], overrides: {}, days: 1, start: MONDAY, intervalMs: 15 * MINUTE, intervalSource: 'test', scanned: { groups: 1, instances: 2 }, gates: new Map(), notes: [] };
    expect(formatForecastResult(result, setting)).toMatch(/^ {2}state-refused solo: tag instance-reaper:surge-state=.* \(from .*, 2 run\(s\)\)$/m);
  });
});
