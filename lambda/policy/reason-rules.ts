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

// Lists of reason codes, one per combination of rules that apply (a bit per rule, a few hundred combinations), made
// once at load: a fleet's due instances share these lists instead of each keeping its own array alive. Not frozen: V8
// reads frozen arrays on a slow path (some() is ten times slower); `readonly` keeps them unchanged.
const REASON_LISTS: readonly (readonly ReasonCode[])[] = Array.from({ length: 1 << REASON_RULES.length }, (_, applying) =>
  REASON_RULES.filter((_, index) => (applying & (1 << index)) !== 0).map((rule) => rule.code),
);

const reasonList = (applying: number): readonly ReasonCode[] => REASON_LISTS[applying] ?? [];

/** The reason codes that apply to an instance, in report order. The list is shared by every instance with the same reasons. */
export function dueReasons(input: RuleInput): readonly ReasonCode[] {
  // A plain loop that allocates nothing: this runs for every instance of the fleet, most of them not due.
  let applying = 0;
  for (let index = 0; index < REASON_RULES.length; index++) {
    if (REASON_RULES[index]?.evaluate(input) === 'applies') applying |= 1 << index;
  }
  return reasonList(applying);
}
