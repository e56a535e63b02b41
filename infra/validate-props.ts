import { closestName } from './closest-name';
import { INFRASTRUCTURE_PROPS, infrastructureProblems } from './infrastructure-checks';
import { POLICY_PROPS } from './policy-props';
import { policyProblems } from './policy-environment';
import type { InstanceReaperProps, PropProblem } from './props';

/** Every prop the construct takes. */
export const KNOWN_PROPS: readonly string[] = [...Object.keys(POLICY_PROPS), ...INFRASTRUCTURE_PROPS];

/** Props the construct does not know (from JavaScript, or JSON read elsewhere): a typo must not fall back to a default silently. */
function unknownProps(props: InstanceReaperProps): PropProblem[] {
  return Object.keys(props)
    .filter((prop) => !KNOWN_PROPS.includes(prop))
    .map((prop) => {
      const meant = closestName(prop, KNOWN_PROPS);
      return { prop, message: meant ? `unknown prop; did you mean ${meant}?` : `unknown prop; the props are ${KNOWN_PROPS.join(', ')}` };
    });
}

/** Every problem with the props, each naming its prop: unknown props, the infrastructure's, and the policy's as the function judges it. */
export function propsProblems(props: InstanceReaperProps): PropProblem[] {
  return [...unknownProps(props), ...infrastructureProblems(props), ...policyProblems(props)];
}

export class InvalidPropsError extends Error {
  constructor(readonly problems: readonly PropProblem[]) {
    super(`Invalid InstanceReaper props: ${problems.map(({ prop, message }) => `${prop}: ${message}`).join('; ')}`);
    this.name = 'InvalidPropsError';
  }
}

/** Throws one error naming every problem, or returns. */
export function assertValidProps(props: InstanceReaperProps): void {
  const problems = propsProblems(props);
  if (problems.length > 0) throw new InvalidPropsError(problems);
}
