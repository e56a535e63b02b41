import { answer, type ReasonRule } from './rule';

const GONE_STATES = new Set(['missing', 'deregistered', 'disabled']);

/** The AMI is no longer available: deregistered, disabled, or AWS cannot describe it at all. */
export const amiMissingRule: ReasonRule = {
  code: 'ami-missing',
  evaluate: ({ image }) => (image ? answer(GONE_STATES.has(image.state)) : 'not-applicable'),
};
