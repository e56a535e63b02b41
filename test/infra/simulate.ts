// @cloud-copilot/iam-simulate is AGPL-3.0-or-later: only tests may import it, never infra/ or lambda/.
import { runSimulation, runUnsafeSimulation, type EvaluationResult, type Simulation } from '@cloud-copilot/iam-simulate';
import { ENV, resourceArn, type PolicyDocument } from './resolve-template';

/** The function's execution role, as the principal of simulated requests. */
export const FUNCTION_ROLE = resourceArn.role('instance-reaper-function');

export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
  /** An ARN, or a service principal such as `cloudwatch.amazonaws.com`. @default FUNCTION_ROLE */
  readonly principal?: string;
}

export interface Policies {
  readonly identity: readonly { name: string; policy: PolicyDocument }[];
  readonly resource?: PolicyDocument;
}

/**
 * The simulator's ARN data models every SSM parameter with an account; AWS's public parameters
 * (arn:aws:ssm:REGION::parameter/aws/service/...) have none, so it would reject them as input.
 */
const PUBLIC_PARAMETER = /^arn:[^:]+:ssm:[^:]+::parameter\//;

/**
 * How IAM decides `request` under `policies`: 'Allowed', 'ImplicitlyDenied' or 'ExplicitlyDenied'.
 * Input the simulator rejects (an unknown action, an ARN of the wrong format for the action, a context key
 * the action does not take) throws, so a mistyped request can never pass as a denial. Requests on public
 * parameters skip that validation (see PUBLIC_PARAMETER) and are evaluated as is.
 */
export async function decide(policies: Policies, request: Request): Promise<EvaluationResult> {
  const principal = request.principal ?? FUNCTION_ROLE;
  // IAM puts aws:PrincipalArn in the context of every signed request ("AWS global condition context keys", IAM User
  // Guide); the simulator does not derive it from the principal, so a key policy that names it would see it missing.
  const signedBy: Record<string, string> = principal.startsWith('arn:') ? { 'aws:PrincipalArn': principal } : {};
  const simulation: Simulation = {
    request: {
      principal,
      action: request.action,
      resource: { resource: request.resource, accountId: ENV.account },
      contextVariables: { ...signedBy, ...request.context },
    },
    identityPolicies: policies.identity.map(({ name, policy }) => ({ name, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policies.resource,
  };
  if (PUBLIC_PARAMETER.test(request.resource)) return runUnsafeSimulation(simulation, { simulationMode: 'Strict' });
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType === 'error') throw new Error(`${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  if (result.resultType === 'single' && result.result.ignoredContextKeys?.length) {
    throw new Error(`${request.action} ignores context keys ${result.result.ignoredContextKeys.join(', ')}: the request is not what IAM would see`);
  }
  return result.overallResult;
}
