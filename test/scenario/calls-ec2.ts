/**
 * Read-only inventory calls (EC2 Describe*, RDS DescribeDBInstances): what discovery
 * tools and config recorders issue. EC2 logs empty item sets for unset filters.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import type { JsonObject } from './cloudtrail-record.js';

export type Ec2Describe =
  | 'DescribeInstances'
  | 'DescribeRegions'
  | 'DescribeSecurityGroups'
  | 'DescribeVpcs'
  | 'DescribeSubnets'
  | 'DescribeVolumes'
  | 'DescribeSnapshots'
  | 'DescribeKeyPairs'
  | 'DescribeAddresses'
  | 'DescribeNetworkInterfaces';

function ec2Params(name: Ec2Describe): JsonObject {
  switch (name) {
    case 'DescribeInstances':
      return { instancesSet: {}, filterSet: {} };
    case 'DescribeRegions':
      return { regionSet: {} };
    case 'DescribeSecurityGroups':
      return { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} };
    case 'DescribeVpcs':
      return { vpcSet: {}, filterSet: {} };
    case 'DescribeSubnets':
      return { subnetSet: {}, filterSet: {} };
    case 'DescribeVolumes':
      return { volumeSet: {}, filterSet: {} };
    case 'DescribeSnapshots':
      return {
        snapshotSet: {},
        ownersSet: { items: [{ owner: 'self' }] },
        filterSet: {},
      };
    case 'DescribeKeyPairs':
      return { keySet: {}, filterSet: {} };
    case 'DescribeAddresses':
      return { publicIpsSet: {}, allocationIdsSet: {}, filterSet: {} };
    case 'DescribeNetworkInterfaces':
      return { networkInterfaceIdSet: {}, filterSet: {} };
  }
}

export function ec2Describe(ctx: CallContext, name: Ec2Describe): ApiCall {
  return {
    eventSource: 'ec2.amazonaws.com',
    eventName: name,
    readOnly: true,
    managementEvent: true,
    host: `ec2.${ctx.region}.amazonaws.com`,
    requestParameters: ec2Params(name),
    responseElements: null,
    requestID: ctx.rng.uuidV4(),
  };
}

/** DescribeTags filtered to one instance: what instance agents call at start-up. */
export function ec2DescribeTags(ctx: CallContext, instanceId: string): ApiCall {
  return {
    ...ec2Describe(ctx, 'DescribeInstances'),
    eventName: 'DescribeTags',
    requestParameters: {
      filterSet: {
        items: [{ name: 'resource-id', valueSet: { items: [{ value: instanceId }] } }],
      },
    },
  };
}

export function rdsDescribeDbInstances(ctx: CallContext): ApiCall {
  return {
    eventSource: 'rds.amazonaws.com',
    eventName: 'DescribeDBInstances',
    readOnly: true,
    managementEvent: true,
    host: `rds.${ctx.region}.amazonaws.com`,
    requestParameters: null,
    responseElements: null,
    requestID: ctx.rng.uuidV4(),
  };
}
