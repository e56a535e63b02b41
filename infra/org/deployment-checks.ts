import { OU_ID, ROOT_ID, type DeploymentEntry } from './organization-schema';

const label = (deployment: DeploymentEntry) => `deployment ${deployment.name}`;

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function idProblems(deployment: DeploymentEntry): string[] {
  const bad = deployment.organizationalUnits.filter((id) => !OU_ID.test(id) && !ROOT_ID.test(id));
  const lines = bad.map((id) => `${label(deployment)}, organizationalUnits: expected an OU ID such as "ou-ab12-cd34ef56" or the root ID such as "r-ab12", got ${JSON.stringify(id)}`);
  for (const id of duplicates(deployment.organizationalUnits)) lines.push(`${label(deployment)}, organizationalUnits: ${id} is listed twice`);
  for (const region of duplicates(deployment.regions)) lines.push(`${label(deployment)}, regions: ${region} is listed twice`);
  return lines;
}

/**
 * Where two deployments would put two reapers in one account: the same OU in both, or the root in one (the root holds
 * every account). A StackSet deploys to every account below its OUs, so two StackSets on one account mean two
 * functions acting on the same groups, and the second stack fails on the first's named resources. An OU nested inside
 * another deployment's OU is the same mistake; only the Organizations API can see nesting, so the README says it.
 */
function overlapProblems(deployments: readonly DeploymentEntry[]): string[] {
  const lines: string[] = [];
  const owners = new Map<string, string[]>();
  for (const deployment of deployments) {
    for (const id of new Set(deployment.organizationalUnits)) owners.set(id, [...(owners.get(id) ?? []), deployment.name]);
  }
  for (const [id, names] of owners) {
    if (names.length > 1) {
      lines.push(`organizational unit ${id} is in deployments ${names.join(' and ')}: every account below it would get two reapers, one from each StackSet; list it in one deployment only`);
    }
  }
  const rootOwner = deployments.find((deployment) => deployment.organizationalUnits.some((id) => ROOT_ID.test(id)));
  if (rootOwner && deployments.length > 1) {
    const others = deployments.filter((deployment) => deployment !== rootOwner).map((deployment) => deployment.name);
    lines.push(`deployment ${rootOwner.name} targets the root, which holds every account: the accounts of ${others.join(', ')} would get two reapers; with the root in one deployment, there can be no other`);
  }
  return lines;
}

/** Every problem with the deployments' names, IDs and regions, and any account two deployments would both reach. */
export function deploymentProblems(deployments: readonly DeploymentEntry[]): string[] {
  const lines = deployments.flatMap(idProblems);
  for (const name of duplicates(deployments.map((deployment) => deployment.name))) {
    lines.push(`deployment name ${name} is used twice: each deployment becomes the StackSet instance-reaper-NAME`);
  }
  return [...lines, ...overlapProblems(deployments)];
}
