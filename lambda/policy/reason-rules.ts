import type { ReasonCode } from '../model/reasons';
import { amiAgeRule } from './rules/ami-age';
import { amiBlockedRule } from './rules/ami-blocked';
import { amiDeprecatedRule } from './rules/ami-deprecated';
import { amiDriftRule } from './rules/ami-drift';
import { amiMissingRule } from './rules/ami-missing';
import { maxAgeRule } from './rules/max-age';
import { rotationRequestedRule } from './rules/rotation-requested';
import type { ReasonRule, RuleInput } from './rules/rule';
import { targetedRule } from './rules/targeted';

/** Every reason rule, in report order. Adding a reason code: one file in rules/ and one line here. */
export const REASON_RULES: readonly ReasonRule[] = [
  maxAgeRule,
  amiAgeRule,
  amiDeprecatedRule,
  amiMissingRule,
  amiDriftRule,
  amiBlockedRule,
  targetedRule,
  rotationRequestedRule,
];

/** The reason codes that apply to an instance, in report order. */
export function dueReasons(input: RuleInput): ReasonCode[] {
  // A plain loop, and an array only once a rule applies: this runs for every instance of the fleet, most of them not due.
  let reasons: ReasonCode[] | undefined;
  for (const rule of REASON_RULES) if (rule.evaluate(input) === 'applies') (reasons ??= []).push(rule.code);
  return reasons ?? [];
}
