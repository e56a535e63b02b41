import { SMALL_PAGE_SIZES, type PageSizes } from './page-sizes';
import type { AccountState } from './state';
import { defaultZones, ensureZone } from './zones';

export function emptyState(accountId: string, region: string, pageSizes: Partial<PageSizes> = {}): AccountState {
  return {
    accountId,
    region,
    counter: 0,
    pageSizes: { ...SMALL_PAGE_SIZES, ...pageSizes },
    images: {},
    instances: {},
    groups: {},
    templates: {},
    launchConfigurations: {},
    parameters: {},
    alarms: {},
    targetGroups: {},
    newTargetHealth: {},
    classicLoadBalancers: {},
    newClassicHealth: {},
    latticeTargetGroups: {},
    newLatticeTargetStatus: {},
    instanceRefreshes: [],
    activities: [],
    published: [],
    kmsKeys: {},
    zones: defaultZones(region),
  };
}

/** A state saved by an older fake gains what was added since, empty; page sizes it lacks take the defaults. */
export function upgradeState(state: AccountState): AccountState {
  const defaults = emptyState(state.accountId, state.region);
  const upgraded = { ...defaults, ...state, pageSizes: { ...defaults.pageSizes, ...state.pageSizes } };
  const groupDefaults = { loadBalancerNames: [] as string[], latticeTargetGroupArns: [] as string[] };
  for (const group of Object.values(upgraded.groups)) Object.assign(group, { ...groupDefaults, ...group });
  // A state saved before zones were listed lists every zone it uses.
  for (const zone of [...Object.values(upgraded.groups).flatMap((group) => group.availabilityZones), ...Object.values(upgraded.instances).map((instance) => instance.availabilityZone)]) ensureZone(upgraded, zone);
  return Object.assign(state, upgraded);
}
