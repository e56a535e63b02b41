import { GetParameterCommand } from '@aws-sdk/client-ssm';
import type { AwsClients } from '../clients';
import type { RunError } from '../model/fleet';
import { describeError, errorName, readFailureCode } from '../util/describe-error';

/** The blocked-AMIs parameter: a String or StringList of AMI IDs. Missing, or `none`, blocks nothing. */
export async function readBlockedAmis(clients: AwsClients, parameterName: string): Promise<{ amiIds: string[]; errors: RunError[] }> {
  try {
    const response = await clients.ssm.send(new GetParameterCommand({ Name: parameterName }));
    const value = response.Parameter?.Value?.trim() ?? '';
    if (value.toLowerCase() === 'none') return { amiIds: [], errors: [] };
    return { amiIds: value.split(/[\s,]+/).filter(Boolean), errors: [] };
  } catch (error) {
    if (errorName(error) === 'ParameterNotFound') return { amiIds: [], errors: [] };
    return { amiIds: [], errors: [{ code: readFailureCode(error), message: `blocked AMIs parameter ${parameterName} could not be read: ${describeError(error)}` }] };
  }
}
