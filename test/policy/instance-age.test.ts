import type { InstanceSnapshot } from '../../lambda/model/fleet';
import { firstLaunchTime } from '../../lambda/policy/instance-age';
import { makeInstance, NOW } from '../factories';

const base: InstanceSnapshot = { ...makeInstance(), launchTime: undefined, primaryEniAttachTime: undefined, rootVolumeAttachTime: undefined };

describe('firstLaunchTime', () => {
  it.each<[string, Partial<InstanceSnapshot>, number | undefined]>([
    ['only LaunchTime', { launchTime: NOW - 5 }, NOW - 5],
    ['ENI attach earlier than LaunchTime (stop/start)', { launchTime: NOW - 5, primaryEniAttachTime: NOW - 50 }, NOW - 50],
    ['root volume attach earliest', { launchTime: NOW - 5, primaryEniAttachTime: NOW - 50, rootVolumeAttachTime: NOW - 500 }, NOW - 500],
    ['LaunchTime earliest', { launchTime: NOW - 900, primaryEniAttachTime: NOW - 50, rootVolumeAttachTime: NOW - 500 }, NOW - 900],
    ['no witness at all', {}, undefined],
    ['an unreadable time (NaN) is ignored', { launchTime: Number.NaN, rootVolumeAttachTime: NOW - 7 }, NOW - 7],
  ])('%s', (_title, times, expected) => {
    expect(firstLaunchTime({ ...base, ...times })).toBe(expected);
  });
});
