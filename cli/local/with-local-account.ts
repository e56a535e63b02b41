import { startFakeAws } from '../../local/fake-aws/server';
import { CONTROL_PLANE_SERVICES } from '../../local/fake-aws/services/control-plane-services';
import type { LocalAccount } from '../../local/local-account-store';
import { localFunctionBundle } from '../../local/local-function-bundle';
import type { Connection } from '../aws/cli-clients';
import type { CliIo } from '../cli-io';
import type { ExitCode } from '../exit-codes';
import { startProgress } from '../progress';
import { loadLocalAccount, localStore } from './local-store';

function openAccount(io: CliIo): LocalAccount {
  const progress = startProgress(io, 'Opening the local account');
  try {
    const { local, created } = loadLocalAccount(io);
    if (created) io.stderr.write("Created the local account: the demo fleet, with the reaper deployed as stack InstanceReaper ('instance-reaper local reset' starts over).\n");
    return local;
  } finally {
    progress.stop();
  }
}

/**
 * Serves the saved local account on 127.0.0.1 for one command, as AWS would: the function is
 * invoked as its synthesized bundle against this endpoint. What the command changed is saved
 * afterwards, failed or not, as AWS keeps what a failing script did.
 */
export async function withLocalAccount(io: CliIo, run: (connection: Connection, local: LocalAccount) => Promise<ExitCode>): Promise<ExitCode> {
  const local = openAccount(io);
  const fake = await startFakeAws(local.account, { services: CONTROL_PLANE_SERVICES });
  local.plane.runtime = { bundlePath: () => localFunctionBundle().bundlePath, env: fake.env };
  try {
    const credentials = { accessKeyId: fake.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: fake.env.AWS_SECRET_ACCESS_KEY ?? '' };
    return await run({ endpoint: fake.endpoint, region: fake.env.AWS_REGION, credentials }, local);
  } finally {
    local.plane.runtime = undefined;
    localStore(io).save(local);
    await fake.close();
  }
}
