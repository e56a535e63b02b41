import { answer, type ReasonRule } from './rule';

const GONE_STATES = new Set(['missing', 'deregistered', 'disabled']);

/**
 * The AMI is no longer available: deregistered, disabled, or gone from DescribeImages (not found, or absent from a
 * complete answer, which is how EC2 answers for a deregistered AMI while instances still run it). An AMI merely
 * excluded by the account's Allowed AMIs settings is still available: its instances run, so it is not missing.
 */
export const amiMissingRule: ReasonRule = {
  code: 'ami-missing',
  evaluate: ({ image }) => (image ? answer(GONE_STATES.has(image.state)) : 'not-applicable'),
};
