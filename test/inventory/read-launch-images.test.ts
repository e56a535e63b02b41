import { DescribeLaunchTemplateVersionsCommand, EC2Client, type DescribeLaunchTemplateVersionsCommandInput, type LaunchTemplateVersion } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { readLaunchImages } from '../../lambda/inventory/read-launch-images';
import { awsGroup, testClients } from './aws-fixtures';

const ec2 = mockClient(EC2Client);

/** `count` groups, each launching its own template `lt-N` at `version`. */
const groups = (count: number, version = '$Latest') =>
  Array.from({ length: count }, (_, index) => awsGroup(`g${index}`, [], { LaunchTemplate: { LaunchTemplateId: `lt-${index}`, Version: version } }));

const version = (index: number, number: number, imageId: string, isDefault = false): LaunchTemplateVersion => ({
  LaunchTemplateId: `lt-${index}`,
  LaunchTemplateName: `template-${index}`,
  VersionNumber: number,
  DefaultVersion: isDefault,
  LaunchTemplateData: { ImageId: imageId },
});

/** The account-wide listing answers from `listed`; a call for one template answers `ami-own-N`. */
function answer(listed: (input: DescribeLaunchTemplateVersionsCommandInput) => LaunchTemplateVersion[]) {
  ec2.on(DescribeLaunchTemplateVersionsCommand).callsFake((input: DescribeLaunchTemplateVersionsCommandInput) => {
    if (input.LaunchTemplateId) return { LaunchTemplateVersions: [version(Number(input.LaunchTemplateId.slice(3)), 7, `ami-own-${input.LaunchTemplateId.slice(3)}`, true)] };
    return { LaunchTemplateVersions: listed(input) };
  });
}

const perTemplateCalls = () => ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).filter((call) => call.args[0].input.LaunchTemplateId !== undefined);
const listingCalls = () => ec2.commandCalls(DescribeLaunchTemplateVersionsCommand).filter((call) => call.args[0].input.LaunchTemplateId === undefined);

beforeEach(() => ec2.reset());

describe('readLaunchImages with many templates', () => {
  it('resolves $Latest of 60 templates from one account-wide listing instead of 60 calls', async () => {
    answer(() => Array.from({ length: 60 }, (_, index) => [version(index, 1, `ami-old-${index}`, true), version(index, 2, `ami-new-${index}`)]).flat());

    const { byGroup, errors } = await readLaunchImages(testClients(), groups(60));

    expect(byGroup.get('g42')?.imageId).toBe('ami-new-42');
    expect(errors).toEqual([]);
    expect(listingCalls()).toHaveLength(1);
    expect(listingCalls()[0]?.args[0].input).toEqual({ Versions: ['$Latest', '$Default'], ResolveAlias: true, MaxResults: 200 });
    expect(perTemplateCalls()).toHaveLength(0);
  });

  it('asks template by template for what the listing lacks', async () => {
    answer(() => Array.from({ length: 59 }, (_, index) => version(index, 1, `ami-listed-${index}`, true)));

    const { byGroup } = await readLaunchImages(testClients(), groups(60, '$Default'));

    expect(byGroup.get('g0')?.imageId).toBe('ami-listed-0');
    expect(byGroup.get('g59')?.imageId).toBe('ami-own-59');
    expect(perTemplateCalls().map((call) => call.args[0].input.LaunchTemplateId)).toEqual(['lt-59']);
  });

  it('resolves a numbered version from the listing when it is the template\'s $Latest or $Default: the listing returns its number', async () => {
    // Templates 0-29 at version 2 ($Latest), 30-59 at version 1 ($Default, no longer the latest).
    answer(() => Array.from({ length: 60 }, (_, index) => [version(index, 1, `ami-v1-${index}`, true), version(index, 2, `ami-v2-${index}`)]).flat());
    const named = Array.from({ length: 60 }, (_, index) => awsGroup(`g${index}`, [], { LaunchTemplate: { LaunchTemplateId: `lt-${index}`, Version: index < 30 ? '2' : '1' } }));

    const { byGroup, errors } = await readLaunchImages(testClients(), named);

    expect(byGroup.get('g0')?.imageId).toBe('ami-v2-0');
    expect(byGroup.get('g45')?.imageId).toBe('ami-v1-45');
    expect(errors).toEqual([]);
    expect(perTemplateCalls()).toHaveLength(0);
  });

  it('asks template by template for numbered versions the listing does not hold (neither $Latest nor $Default)', async () => {
    answer(() => Array.from({ length: 60 }, (_, index) => [version(index, 1, `ami-v1-${index}`, true), version(index, 2, `ami-v2-${index}`)]).flat());

    const { byGroup } = await readLaunchImages(testClients(), groups(60, '7'));

    expect(byGroup.get('g3')?.imageId).toBe('ami-own-3');
    expect(perTemplateCalls()).toHaveLength(60);
  });

  it('falls back to a call per template when the listing fails, and reports nothing for it', async () => {
    ec2.on(DescribeLaunchTemplateVersionsCommand).callsFake((input: DescribeLaunchTemplateVersionsCommandInput) => {
      if (!input.LaunchTemplateId) throw Object.assign(new Error('Missing parameter'), { name: 'MissingParameter' });
      return { LaunchTemplateVersions: [version(Number(input.LaunchTemplateId.slice(3)), 1, 'ami-own', true)] };
    });

    const { byGroup, errors } = await readLaunchImages(testClients(), groups(60));

    expect(byGroup.size).toBe(60);
    expect(errors).toEqual([]);
  });

  it('does not list the account for 49 templates: a call each is cheaper', async () => {
    answer(() => []);

    await readLaunchImages(testClients(), groups(49));

    expect(listingCalls()).toHaveLength(0);
    expect(perTemplateCalls()).toHaveLength(49);
  });
});
