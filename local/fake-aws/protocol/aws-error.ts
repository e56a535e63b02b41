/** An error the fake answers with, in the wire shape of the service that raised it. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** AWS tells callers whose fault it was: Sender (the request) or Receiver (the service). */
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** The Auto Scaling / awsQuery catch-all for bad input. */
export const validationError = (message: string): AwsError => new AwsError('ValidationError', message);
