import { answer, type ReasonRule } from './rule';

/** The AMI's deprecation time has passed. */
export const amiDeprecatedRule: ReasonRule = {
  code: 'ami-deprecated',
  evaluate: ({ image, now }) => {
    if (!image) return 'not-applicable';
    return answer(image.deprecationTime !== undefined && image.deprecationTime <= now);
  },
};
