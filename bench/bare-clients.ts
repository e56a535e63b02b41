import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';

/**
 * The load-time baseline: the two clients every run needs, with default configuration and no
 * commands. The bench bundles this file exactly as the function is bundled and loads both.
 */
export const clients = { ec2: new EC2Client({}), autoScaling: new AutoScalingClient({}) };
