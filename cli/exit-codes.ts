/** The CLI's exit codes, documented in the README's CLI section. Scripts and runbooks depend on them. */
export const EXIT_CODES = {
  /** The command did what it was asked. */
  ok: 0,
  /** An AWS call or the invoked function failed, or the operator declined; see stderr. */
  failure: 1,
  /** Bad arguments: nothing was changed. */
  usage: 2,
  /** `status --org`: an account is out of policy or unreachable; `plan --org`: an account could not be planned. */
  attention: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
