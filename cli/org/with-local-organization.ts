import { startRehearsalOrganization } from '../../local/org/rehearsal-org';
import type { Connection } from '../aws/cli-clients';
import type { CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { startProgress } from '../progress';

/**
 * `--org --local`: the command runs against the local demo organization, built afresh and served on 127.0.0.1, as the
 * management account's operator. Nothing is kept afterwards.
 */
export async function withLocalOrganization(io: CliIo, run: (connection: Connection) => Promise<ExitCode>): Promise<ExitCode> {
  const progress = startProgress(io, 'Building the local organization (each member runs its reaper once)');
  let organization;
  try {
    organization = await startRehearsalOrganization();
  } finally {
    progress.stop();
  }
  const { env, endpoint } = organization.server;
  const connection: Connection = {
    endpoint,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
  };
  try {
    return await run(connection);
  } finally {
    await organization.close();
  }
}
