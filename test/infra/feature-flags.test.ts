import { readFileSync } from 'node:fs';
import { CDK_CONTEXT } from './cdk-context';

/** The flags a new app of the installed aws-cdk-lib gets from `cdk init`: the library's recommended values. */
const RECOMMENDED = JSON.parse(readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8')) as Record<string, unknown>;

describe('CDK feature flags (cdk.json)', () => {
  it('sets every flag the installed aws-cdk-lib recommends, at its recommended value, as cdk init does: no "feature flags are not configured" at synth', () => {
    const unset = Object.entries(RECOMMENDED)
      .filter(([flag, value]) => JSON.stringify(CDK_CONTEXT[flag]) !== JSON.stringify(value))
      .map(([flag, value]) => `${flag}: ${JSON.stringify(value)}`);

    expect(unset).toEqual([]);
  });
});
