import { shareSynthesizedFunction } from '../../local/synthesized-bundle';

/** One `cdk synth` per test run: the end-to-end and CLI tests all run the bundle it produces. */
export default function globalSetup(): void {
  shareSynthesizedFunction();
}
