/**
 * vCPUs and memory (MiB) of the instance types local accounts use, as the Amazon EC2 instance types
 * specifications list them: what a group whose DesiredCapacityType is `vcpu` or `memory-mib` counts
 * an instance for. A type missing here cannot join such a group.
 */
export const INSTANCE_SIZES: Readonly<Record<string, { readonly vcpus: number; readonly memoryMiB: number }>> = {
  't3.micro': { vcpus: 2, memoryMiB: 1024 },
  't3.small': { vcpus: 2, memoryMiB: 2048 },
  't3.medium': { vcpus: 2, memoryMiB: 4096 },
  't3.large': { vcpus: 2, memoryMiB: 8192 },
  'm5.large': { vcpus: 2, memoryMiB: 8192 },
  'm5.xlarge': { vcpus: 4, memoryMiB: 16384 },
  'm5.2xlarge': { vcpus: 8, memoryMiB: 32768 },
  'm5.4xlarge': { vcpus: 16, memoryMiB: 65536 },
  'm6g.large': { vcpus: 2, memoryMiB: 8192 },
  'm7g.large': { vcpus: 2, memoryMiB: 8192 },
  'c5.large': { vcpus: 2, memoryMiB: 4096 },
  'c5.xlarge': { vcpus: 4, memoryMiB: 8192 },
  'c5.2xlarge': { vcpus: 8, memoryMiB: 16384 },
  'c5.4xlarge': { vcpus: 16, memoryMiB: 32768 },
  'r5.large': { vcpus: 2, memoryMiB: 16384 },
  'r5.xlarge': { vcpus: 4, memoryMiB: 32768 },
};
