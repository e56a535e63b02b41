/** Bad arguments or a name that does not exist; raised before anything is changed. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}

/** The deployed reaper could not be found: no stack, no function, or several candidates. */
export class DeploymentNotFoundError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeploymentNotFoundError';
  }
}

/** A command could not finish what it set out to do; the message says what did change. Exit code 1. */
export class CommandFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CommandFailedError';
  }
}
