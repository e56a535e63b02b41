import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The context `cdk synth` gives the app (cdk.json): the feature flags, so a test synthesizes what is deployed. */
export const CDK_CONTEXT: Readonly<Record<string, unknown>> = (JSON.parse(readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** The same, without bundling the function's code: templates and policies do not depend on it, and synthesis takes a second. */
export const CDK_CONTEXT_NO_BUNDLING: Readonly<Record<string, unknown>> = { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] };
