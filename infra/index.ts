/**
 * The package's API, `import { InstanceReaper } from 'instance-reaper'`: the construct and its props, a stack holding
 * one, and the report every run returns (the function's response, summarised past its size, and its `run report` log lines).
 */
export { InstanceReaper, type InstanceReaperProps } from './instance-reaper';
export { ReaperStack } from './reaper-stack';
export type { DeferredEntry, InstanceDetail, ReportCounts, ReportTruncation, RunReport, SurgeAction, TerminatedEntry, UnmanagedEntry } from '../lambda/model/report';
export type { RunError } from '../lambda/model/fleet';
export type { ErrorCode } from '../lambda/model/error-codes';
export type { DeferralReason, ReasonCode } from '../lambda/model/reasons';
