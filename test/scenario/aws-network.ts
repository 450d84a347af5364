/**
 * Where calls come from. Machines call from AWS's published EC2 ranges (ip-ranges.json)
 * of their region, GitHub-hosted runners from Azure ranges, people from an office range.
 */
import type { Rng } from './random.js';

export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly size: number;
}

export function cidr(text: string): Cidr {
  const [address, bitsText] = text.split('/');
  const bits = Number(bitsText);
  const octets = (address ?? '').split('.').map(Number);
  if (octets.length !== 4 || !(bits >= 8 && bits <= 32))
    throw new Error(`bad CIDR ${text}`);
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { text, base, size: 2 ** (32 - bits) };
}

export function ipText(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** A host address inside the range (never the network or broadcast address). */
export function ipIn(rng: Rng, range: Cidr): string {
  const offset = range.size <= 2 ? 0 : rng.int(1, range.size - 2);
  return ipText(range.base + offset);
}

export function ipInAny(rng: Rng, ranges: readonly Cidr[]): string {
  return ipIn(rng, rng.pick(ranges));
}

/** A few EC2 ranges per region, from AWS's published ip-ranges.json. */
export const AWS_EC2_RANGES: Readonly<Record<string, readonly Cidr[]>> = {
  'us-east-1': ['3.80.0.0/12', '34.192.0.0/12', '44.192.0.0/11', '54.144.0.0/14'].map(
    cidr,
  ),
  'us-east-2': ['3.128.0.0/12', '18.216.0.0/14'].map(cidr),
  'us-west-2': ['35.80.0.0/12', '44.224.0.0/11', '54.184.0.0/13'].map(cidr),
  'eu-west-1': ['34.240.0.0/13', '52.208.0.0/13', '54.72.0.0/15'].map(cidr),
  'eu-central-1': ['3.120.0.0/14', '18.184.0.0/15', '52.28.0.0/16'].map(cidr),
  'ap-southeast-2': ['3.24.0.0/14', '13.236.0.0/14'].map(cidr),
};

export function awsRanges(region: string): readonly Cidr[] {
  return AWS_EC2_RANGES[region] ?? AWS_EC2_RANGES['us-east-1']!;
}

/** Azure ranges that GitHub-hosted Actions runners come from. */
export const GITHUB_RUNNER_RANGES: readonly Cidr[] = [
  '4.148.0.0/16',
  '20.57.0.0/16',
  '172.177.0.0/16',
].map(cidr);

/** The company office (a small fixed block; the MaxMind test range, London). */
export const OFFICE_RANGE: Cidr = cidr('81.2.69.160/27');

/** Private addresses inside the workloads' VPC (seen behind an S3 gateway endpoint). */
export const VPC_RANGE: Cidr = cidr('10.20.0.0/16');

/** Every commercial region a multi-region trail covers, for service-linked sweeps. */
export const ALL_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];
