import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { InstanceReaper } from './instance-reaper';
import type { InstanceReaperProps } from './props';

/** One stack per account and region, holding one InstanceReaper. */
export class ReaperStack extends Stack {
  readonly reaper: InstanceReaper;

  constructor(scope: Construct, id: string, props: StackProps & { reaper?: InstanceReaperProps } = {}) {
    super(scope, id, { description: 'instance-reaper: immutable EC2 fleets', ...props });
    this.reaper = new InstanceReaper(this, 'Reaper', props.reaper);
  }
}
