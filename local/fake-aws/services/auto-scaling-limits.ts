import { validationError } from '../protocol/aws-error';

/** AWS validates page sizes before anything else, with this wording. */
export function checkMaxRecords(maxRecords: number | undefined, limit: number): void {
  if (maxRecords !== undefined && (maxRecords < 1 || maxRecords > limit)) {
    throw validationError(`1 validation error detected: Value '${maxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to ${limit}`);
  }
}
