import { LocalReaper, seedGroup } from './local-reaper';

/*
 * A deregistered AMI as EC2 answers for it while instances still run it: asked by ID, DescribeImages returns empty
 * results, no error (EC2 API Reference, DescribeImages). That absence is the verdict, whatever instance metadata says.
 */

let reaper: LocalReaper | undefined;
afterEach(async () => reaper?.close());

// AMI drift off, so ami-missing is the only reason that can hold for instances on an old AMI.
const env = { REAPER_AMI_DRIFT: 'false' };

describe('the deployed bundle on the wire: deregistered AMIs', () => {
  it('terminates an instance whose AMI is deregistered (answered empty) for ami-missing, though its metadata is denied', async () => {
    let ids: string[] = [];
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [3, 2]);
      const old = account.instance(ids[0] ?? '').imageId;
      // The group launches a current AMI now, so it can replace what it loses.
      account.addLaunchTemplateVersion('web-template', { imageId: account.addImage({ name: 'web-next' }) });
      account.deregisterImage(old);
      account.denyAction('DescribeInstanceImageMetadata');
    });

    const report = await reaper.invoke(undefined, { env });

    expect(report.terminated).toEqual([{ instanceId: ids[0], group: 'web', reasons: ['ami-missing'] }]);
    expect(report.deferred).toEqual([expect.objectContaining({ instanceId: ids[1], reasons: ['ami-missing'], why: 'group-budget' })]);
    // EC2 answers a denied call with UnauthorizedOperation.
    expect(report.errors).toEqual([{ code: 'read-denied', message: expect.stringContaining('DescribeInstanceImageMetadata failed: UnauthorizedOperation') }]);
    expect(reaper.mutatingCalls()).toEqual([
      { action: 'TerminateInstanceInAutoScalingGroup', params: expect.objectContaining({ InstanceId: ids[0], ShouldDecrementDesiredCapacity: false }) },
    ]);
  });

  it('a group whose launch template AMI is deregistered (answered empty) loses nothing: its instances wait cannot-replace', async () => {
    let ids: string[] = [];
    let launched = '';
    reaper = await LocalReaper.start((account) => {
      ids = seedGroup(account, 'web', [3, 2]);
      launched = account.instance(ids[0] ?? '').imageId;
      account.deregisterImage(launched);
    });

    const report = await reaper.invoke(undefined, { env });

    expect(reaper.mutatingCalls()).toEqual([]);
    expect(report.deferred.map((entry) => [entry.instanceId, entry.reasons, entry.why])).toEqual(ids.map((id) => [id, ['ami-missing'], 'cannot-replace']));
    expect(report.errors).toEqual([{ group: 'web', code: 'cannot-replace', message: expect.stringContaining(`cannot launch a replacement: the AMI it launches, ${launched}, is missing`) }]);
    expect(reaper.account.group('web').inService).toHaveLength(2);
  });
});
