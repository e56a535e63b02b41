import { REASON_CODES } from '../../lambda/model/reasons';
import { dueReasons, REASON_RULES } from '../../lambda/policy/reason-rules';
import { amiAgeRule } from '../../lambda/policy/rules/ami-age';
import { amiBlockedRule } from '../../lambda/policy/rules/ami-blocked';
import { amiDeprecatedRule } from '../../lambda/policy/rules/ami-deprecated';
import { amiDriftRule } from '../../lambda/policy/rules/ami-drift';
import { amiMissingRule } from '../../lambda/policy/rules/ami-missing';
import { maxAgeRule } from '../../lambda/policy/rules/max-age';
import { rotationRequestedRule } from '../../lambda/policy/rules/rotation-requested';
import type { ReasonRule, RuleAnswer, RuleInput } from '../../lambda/policy/rules/rule';
import { targetedRule } from '../../lambda/policy/rules/targeted';
import { CURRENT_AMI, DAY, daysAgo, makeImage, makeInstance, makePolicy, NOW, SECOND } from '../factories';

function ruleInput(overrides: Partial<RuleInput> = {}): RuleInput {
  return {
    instance: makeInstance({ id: 'i-1', ageDays: 1 }),
    image: makeImage(),
    firstLaunch: daysAgo(1),
    lifetimeMs: 28 * DAY,
    launchImageId: CURRENT_AMI,
    blockedAmiIds: new Set(),
    policy: makePolicy(),
    now: NOW,
    ...overrides,
  };
}

type Case = [title: string, rule: ReasonRule, input: Partial<RuleInput>, expected: RuleAnswer];

const cases: Case[] = [
  // max-age
  ['max-age: exactly 28 days old is not due', maxAgeRule, { firstLaunch: NOW - 28 * DAY }, 'does-not-apply'],
  ['max-age: 28 days and one second old is due', maxAgeRule, { firstLaunch: NOW - 28 * DAY - SECOND }, 'applies'],
  ['max-age: one second short of 28 days is not due', maxAgeRule, { firstLaunch: NOW - 28 * DAY + SECOND }, 'does-not-apply'],
  ['max-age: no first-launch time is not applicable', maxAgeRule, { firstLaunch: undefined }, 'not-applicable'],
  ['max-age: lifetime 0 and launched this very moment is due', maxAgeRule, { firstLaunch: NOW, lifetimeMs: 0 }, 'applies'],
  ['max-age: lifetime 0 and no first-launch time is due', maxAgeRule, { firstLaunch: undefined, lifetimeMs: 0 }, 'applies'],
  // ami-age
  ['ami-age: off (amiMaxAgeDays unset) is not applicable', amiAgeRule, { image: makeImage({ createdDaysAgo: 900 }) }, 'not-applicable'],
  ['ami-age: unknown image is not applicable', amiAgeRule, { image: undefined, policy: makePolicy({ amiMaxAgeDays: 30 }) }, 'not-applicable'],
  ['ami-age: 31-day-old AMI with limit 30 is due', amiAgeRule, { image: makeImage({ createdDaysAgo: 31 }), policy: makePolicy({ amiMaxAgeDays: 30 }) }, 'applies'],
  ['ami-age: exactly 30-day-old AMI with limit 30 is not due', amiAgeRule, { image: makeImage({ createdDaysAgo: 30 }), policy: makePolicy({ amiMaxAgeDays: 30 }) }, 'does-not-apply'],
  ['ami-age: limit 0 makes any AMI created before now due', amiAgeRule, { image: makeImage({ createdDaysAgo: 0.01 }), policy: makePolicy({ amiMaxAgeDays: 0 }) }, 'applies'],
  // ami-deprecated
  ['ami-deprecated: deprecation time one day past is due', amiDeprecatedRule, { image: makeImage({ deprecatedDaysAgo: 1 }) }, 'applies'],
  ['ami-deprecated: deprecation time exactly now is due', amiDeprecatedRule, { image: makeImage({ deprecatedDaysAgo: 0 }) }, 'applies'],
  ['ami-deprecated: deprecation time in the future is not due', amiDeprecatedRule, { image: makeImage({ deprecatedDaysAgo: -1 }) }, 'does-not-apply'],
  ['ami-deprecated: no deprecation time is not due', amiDeprecatedRule, { image: makeImage() }, 'does-not-apply'],
  ['ami-deprecated: unknown image is not applicable', amiDeprecatedRule, { image: undefined }, 'not-applicable'],
  // ami-missing
  ['ami-missing: state missing (cannot be described) is due', amiMissingRule, { image: makeImage({ state: 'missing' }) }, 'applies'],
  ['ami-missing: state deregistered is due', amiMissingRule, { image: makeImage({ state: 'deregistered' }) }, 'applies'],
  ['ami-missing: state disabled is due', amiMissingRule, { image: makeImage({ state: 'disabled' }) }, 'applies'],
  ['ami-missing: state available is not due', amiMissingRule, { image: makeImage({ state: 'available' }) }, 'does-not-apply'],
  ['ami-missing: available but not allowed by the account (still runs) is not due', amiMissingRule, { image: { ...makeImage({ state: 'available' }), allowed: false } }, 'does-not-apply'],
  ['ami-missing: unknown image (read failed) is not applicable', amiMissingRule, { image: undefined }, 'not-applicable'],
  // ami-drift
  ['ami-drift: group launches another AMI is due', amiDriftRule, { launchImageId: 'ami-new' }, 'applies'],
  ['ami-drift: group launches the same AMI is not due', amiDriftRule, { launchImageId: CURRENT_AMI }, 'does-not-apply'],
  ['ami-drift: drift off is not applicable', amiDriftRule, { launchImageId: 'ami-new', policy: makePolicy({ amiDrift: false }) }, 'not-applicable'],
  ['ami-drift: launch AMI unknown is not applicable', amiDriftRule, { launchImageId: undefined }, 'not-applicable'],
  ['ami-drift: instance AMI unknown is not applicable', amiDriftRule, { instance: { ...makeInstance(), imageId: undefined }, launchImageId: 'ami-new' }, 'not-applicable'],
  // ami-blocked
  ['ami-blocked: AMI in the blocked set is due', amiBlockedRule, { blockedAmiIds: new Set([CURRENT_AMI]) }, 'applies'],
  ['ami-blocked: AMI not in the blocked set is not due', amiBlockedRule, { blockedAmiIds: new Set(['ami-other']) }, 'does-not-apply'],
  ['ami-blocked: instance AMI unknown is not applicable', amiBlockedRule, { instance: { ...makeInstance(), imageId: undefined } }, 'not-applicable'],
  // targeted
  ['targeted: instance named is due', targetedRule, { policy: makePolicy({ targetedInstanceIds: ['i-1'] }) }, 'applies'],
  ['targeted: another instance named is not due', targetedRule, { policy: makePolicy({ targetedInstanceIds: ['i-2'] }) }, 'does-not-apply'],
  // rotation-requested
  ['rotation-requested: first launch one second before the time is due', rotationRequestedRule, { rotateBefore: daysAgo(1) + SECOND }, 'applies'],
  ['rotation-requested: first launch exactly at the time is not due', rotationRequestedRule, { rotateBefore: daysAgo(1) }, 'does-not-apply'],
  [
    'rotation-requested: restarted after the time (LaunchTime) but first launched before it is due',
    rotationRequestedRule,
    { instance: makeInstance({ launchAgeDays: 0.5, ageDays: 10 }), firstLaunch: daysAgo(10), rotateBefore: daysAgo(1) },
    'applies',
  ],
  [
    'max-age: restarted yesterday (LaunchTime) but first launched 40 days ago is due',
    maxAgeRule,
    { instance: makeInstance({ launchAgeDays: 1, ageDays: 40 }), firstLaunch: daysAgo(40) },
    'applies',
  ],
  ['rotation-requested: no tag is not applicable', rotationRequestedRule, { rotateBefore: undefined }, 'not-applicable'],
  ['rotation-requested: no first-launch time is not applicable', rotationRequestedRule, { rotateBefore: NOW, firstLaunch: undefined }, 'not-applicable'],
];

describe('reason rules', () => {
  it.each(cases)('%s', (_title, rule, input, expected) => {
    expect(rule.evaluate(ruleInput(input))).toBe(expected);
  });
});

describe('dueReasons', () => {
  it('lists one rule per reason code, in the contract order', () => {
    expect(REASON_RULES.map((rule) => rule.code)).toEqual([...REASON_CODES]);
  });

  it('lists every reason that holds, in the contract order, whatever order they were found in', () => {
    const input = ruleInput({
      instance: makeInstance({ id: 'i-1', imageId: 'ami-old' }),
      image: makeImage({ id: 'ami-old', state: 'deregistered', createdDaysAgo: 400, deprecatedDaysAgo: 10 }),
      firstLaunch: daysAgo(40),
      launchImageId: 'ami-new',
      blockedAmiIds: new Set(['ami-old']),
      rotateBefore: daysAgo(1),
      policy: makePolicy({ amiMaxAgeDays: 90, targetedInstanceIds: ['i-1'] }),
    });

    expect(dueReasons(input)).toEqual([
      'max-age',
      'ami-age',
      'ami-deprecated',
      'ami-missing',
      'ami-drift',
      'ami-blocked',
      'targeted',
      'rotation-requested',
    ]);
  });

  it('is empty for a young instance on the current, available AMI', () => {
    expect(dueReasons(ruleInput())).toEqual([]);
  });
});
