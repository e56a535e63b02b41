/** Server-side page sizes: small by default so every caller's pagination is exercised. */
export interface PageSizes {
  groups: number;
  instances: number;
  imageMetadata: number;
  templateVersions: number;
  launchConfigurations: number;
  instanceRefreshes: number;
  alarms: number;
  activities: number;
  warmPoolInstances: number;
  images: number;
  latticeTargets: number;
}

export const SMALL_PAGE_SIZES: Readonly<PageSizes> = {
  groups: 3,
  instances: 5,
  imageMetadata: 5,
  templateVersions: 2,
  launchConfigurations: 3,
  instanceRefreshes: 2,
  alarms: 3,
  activities: 5,
  warmPoolInstances: 3,
  images: 3,
  latticeTargets: 2,
};

/** AWS's own maxima, for benchmarks. */
export const AWS_PAGE_SIZES: Readonly<PageSizes> = {
  groups: 100,
  instances: 1000,
  imageMetadata: 1000,
  templateVersions: 200,
  launchConfigurations: 100,
  instanceRefreshes: 100,
  alarms: 100,
  activities: 100,
  warmPoolInstances: 50,
  images: 1000,
  latticeTargets: 100,
};
