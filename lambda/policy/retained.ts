import type { GroupMember } from '../model/fleet';

/**
 * Kept by an instance lifecycle policy (`Terminating:Retained`, `Warmed:*:Retained`) after its termination hook was
 * abandoned: it no longer counts toward the desired capacity and stays until someone terminates it (Auto Scaling User
 * Guide, instance lifecycle policies). Nobody's to wait for.
 */
export const isRetainedState = (lifecycleState: string): boolean => lifecycleState.endsWith(':Retained');

export const isRetained = (member: GroupMember): boolean => isRetainedState(member.lifecycleState);
