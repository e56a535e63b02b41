import { answer, type ReasonRule } from './rule';

/** The instance runs another AMI than the one its group launches now. */
export const amiDriftRule: ReasonRule = {
  code: 'ami-drift',
  evaluate: ({ instance, launchImageId, policy }) => {
    if (!policy.amiDrift || launchImageId === undefined || instance.imageId === undefined) return 'not-applicable';
    return answer(instance.imageId !== launchImageId);
  },
};
