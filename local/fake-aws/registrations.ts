/*
 * A target group's registrations. AWS registers a target on the target group's port unless the caller overrides it,
 * and "You can register each EC2 instance or IP address with the same target group multiple times using different
 * ports" (ELB API Reference, RegisterTargets); each registration has its own health. Auto Scaling registers members on
 * the target group's port. Records keep that registration under the bare instance ID, any other under `ID:PORT`.
 */

/** The port of every target group the fake creates (ELBv2 and VPC Lattice): HTTP's default. */
export const TARGET_GROUP_PORT = 80;

/** Registration → health state, keyed as above. */
export type Registrations = Record<string, string>;

export function registrationKey(instanceId: string, port: number = TARGET_GROUP_PORT): string {
  return port === TARGET_GROUP_PORT ? instanceId : `${instanceId}:${port}`;
}

export function parseRegistration(key: string): { readonly id: string; readonly port: number } {
  const [id = '', port] = key.split(':');
  return { id, port: port === undefined ? TARGET_GROUP_PORT : Number(port) };
}

/** Every registration of the instance, on any port. */
export function registrationsOf(targets: Registrations, instanceId: string): string[] {
  return Object.keys(targets).filter((key) => parseRegistration(key).id === instanceId);
}
