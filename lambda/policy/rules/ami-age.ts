import { DAY_MS } from '../instance-age';
import { answer, type ReasonRule } from './rule';

/** The AMI was created more than `amiMaxAgeDays` ago. */
export const amiAgeRule: ReasonRule = {
  code: 'ami-age',
  evaluate: ({ image, policy, now }) => {
    if (policy.amiMaxAgeDays === undefined || image?.creationDate === undefined) return 'not-applicable';
    return answer(now - image.creationDate > policy.amiMaxAgeDays * DAY_MS);
  },
};
