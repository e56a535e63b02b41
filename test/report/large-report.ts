import type { DeferredEntry, InstanceDetail, RunReport, SurgeAction, TerminatedEntry, UnmanagedEntry } from '../../lambda/model/report';
import type { RunError } from '../../lambda/model/fleet';

/**
 * A run's report over `groups` groups of ten instances, as a large account's run leaves it: per group two
 * terminations, six deferrals, a surge step and the details of each, one unmanaged instance and one error in ten groups.
 */
export function largeReport(groups: number): RunReport {
  const terminated: TerminatedEntry[] = [];
  const deferred: DeferredEntry[] = [];
  const unmanaged: UnmanagedEntry[] = [];
  const surges: SurgeAction[] = [];
  const details: Record<string, InstanceDetail> = {};
  const errors: RunError[] = [];
  for (let g = 0; g < groups; g += 1) {
    const group = `prod-service-${String(g).padStart(5, '0')}-asg`;
    const ids = Array.from({ length: 8 }, (_, i) => `i-0${(g * 10 + i).toString(16).padStart(16, '0')}`);
    ids.forEach((instanceId, i) => {
      details[instanceId] = { ageDays: 30 + i, lifetimeDays: 28, imageId: `ami-0${g.toString(16).padStart(16, '0')}` };
      if (i < 2) terminated.push({ instanceId, group, reasons: ['max-age'] });
      else deferred.push({ instanceId, group, reasons: ['max-age', 'ami-drift'], why: 'group-budget' });
    });
    surges.push({ group, action: 'capacity-added', desiredCapacity: 11, instanceIds: ids.slice(0, 2) });
    if (g % 10 === 0) {
      unmanaged.push({ instanceId: `i-1${g.toString(16).padStart(16, '0')}`, reasons: ['max-age'] });
      errors.push({ group, code: 'read-failed', message: `launch template of ${group} could not be read (ThrottlingException: Rate exceeded)` });
    }
  }
  return { dryRun: false, scanned: { groups, instances: groups * 10 }, terminated, deferred, unmanaged, errors, details, surges };
}
