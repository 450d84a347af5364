/**
 * The demo's injected intrusion: the nightly ETL user's long-lived AKIA key, used an hour
 * after the real job from a hosting-provider address with a different client. The
 * intruder enumerates (some calls denied), bulk-downloads a bucket the job never reads,
 * creates a backdoor user with an admin policy and a key, tries that key, then stops the
 * trail. Every step is returned with its event ids so tests can assert detections.
 */
import {
  actor,
  denied,
  emit,
  type Actor,
  type ApiCall,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import {
  keyIdentity,
  makeAccessKey,
  makeUser,
  type AccessKey,
  type IamUser,
} from './aws-principals.js';
import { ec2Describe, rdsDescribeDbInstances } from './calls-ec2.js';
import * as iam from './calls-iam.js';
import { describeTrails, stopLogging } from './calls-ops.js';
import { getObject, listBuckets, listObjects } from './calls-s3.js';
import { listSecrets } from './calls-secrets.js';
import { getCallerIdentity, stsHost } from './calls-sts.js';
import { SECOND } from './clock.js';
import type { Rng } from './random.js';
import { CLI_KALI, cliCommand } from './user-agents.js';
import type { Account } from './account.js';

export type Phase = 'discovery' | 'collection' | 'persistence' | 'defense-evasion';

/** MITRE ATT&CK (cloud) technique of each phase's calls. */
export const PHASE_TECHNIQUES: Readonly<Record<Phase, readonly string[]>> = {
  discovery: ['T1087.004', 'T1580', 'T1619', 'T1526'],
  collection: ['T1530'],
  persistence: ['T1136.003', 'T1098.001', 'T1098.003'],
  'defense-evasion': ['T1562.008'],
};

export interface IncidentStep {
  phase: Phase;
  event: TrailEvent;
  /** The key that signed the call. */
  accessKeyId: string;
}

export interface EtlKeyIncident {
  steps: IncidentStep[];
  attackerIp: string;
  userAgentPrefix: string;
  exfiltrated: { bucket: string; objects: number; bytes: number };
  backdoor: { user: IamUser; key: AccessKey; policyArn: string };
  stoppedLoggingAt: number;
}

export interface EtlKeyIncidentInput {
  rng: Rng;
  account: Account;
  /** The stolen key and its owner. */
  key: AccessKey;
  start: number;
  attackerIp: string;
  /** A bucket the ETL job never touches, full of exports worth stealing. */
  lootBucket: string;
  /** A bucket the job does read, which the intruder also lists. */
  knownBucket: string;
}

export const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';

export function etlKeyIncident(input: EtlKeyIncidentInput): EtlKeyIncident {
  const { rng: r, account, key } = input;
  const steps: IncidentStep[] = [];
  let time = input.start;
  const home = account.homeRegion;
  const as = (k: AccessKey, command: string): Actor =>
    actor(keyIdentity(k), input.attackerIp, cliCommand(CLI_KALI, command));
  type Build = (ctx: CallContext) => ApiCall;
  const record = (
    phase: Phase,
    k: AccessKey,
    command: string,
    build: Build,
    region: string,
  ) => {
    const ctx: CallContext = { rng: r, time, region, accountId: account.id };
    steps.push({
      phase,
      event: emit(ctx, as(k, command), build(ctx)),
      accessKeyId: k.accessKeyId,
    });
  };
  const step = (
    phase: Phase,
    k: AccessKey,
    command: string,
    build: Build,
    region = home,
  ) => {
    record(phase, k, command, build, region);
    time += r.int(2, 14) * SECOND;
  };
  const iamStep = (phase: Phase, k: AccessKey, command: string, build: Build) =>
    step(phase, k, command, build, iam.IAM_REGION);
  const deny =
    (build: Build, action: string, resource?: string): Build =>
    (ctx) =>
      denied(build(ctx), as(key, ''), action, resource);

  // Discovery: who am I, what may I do, what is here.
  const global = (ctx: CallContext) => getCallerIdentity(ctx, stsHost(undefined));
  step('discovery', key, 'sts.get-caller-identity', global, iam.IAM_REGION);
  iamStep('discovery', key, 'iam.get-user', (ctx) => iam.getUser(ctx));
  iamStep('discovery', key, 'iam.list-attached-user-policies', (ctx) =>
    iam.listAttachedUserPolicies(ctx, key.user.name),
  );
  step('discovery', key, 's3.ls', listBuckets);
  iamStep('discovery', key, 'iam.list-users', iam.listUsers);
  iamStep('discovery', key, 'iam.list-roles', iam.listRoles);
  iamStep(
    'discovery',
    key,
    'iam.get-account-authorization-details',
    deny(
      iam.getAccountAuthorizationDetails,
      'iam:GetAccountAuthorizationDetails',
      `arn:aws:iam::${account.id}:*`,
    ),
  );
  step('discovery', key, 'ec2.describe-regions', (ctx) =>
    ec2Describe(ctx, 'DescribeRegions'),
  );
  step('discovery', key, 'ec2.describe-instances', (ctx) =>
    ec2Describe(ctx, 'DescribeInstances'),
  );
  for (const region of ['us-west-2', 'eu-west-1', 'eu-central-1']) {
    const build = deny(
      (ctx) => ec2Describe(ctx, 'DescribeInstances'),
      'ec2:DescribeInstances',
    );
    step('discovery', key, 'ec2.describe-instances', build, region);
  }
  const snapshots = deny(
    (ctx) => ec2Describe(ctx, 'DescribeSnapshots'),
    'ec2:DescribeSnapshots',
  );
  step('discovery', key, 'ec2.describe-snapshots', snapshots);
  step(
    'discovery',
    key,
    'secretsmanager.list-secrets',
    deny(listSecrets, 'secretsmanager:ListSecrets'),
  );
  const dbs = `arn:aws:rds:${home}:${account.id}:db:*`;
  step(
    'discovery',
    key,
    'rds.describe-db-instances',
    deny(rdsDescribeDbInstances, 'rds:DescribeDBInstances', dbs),
  );
  step('discovery', key, 'cloudtrail.describe-trails', describeTrails);

  // Collection: list two buckets, then pull every export from the one the job never reads.
  step('collection', key, 's3.ls', (ctx) => listObjects(ctx, input.knownBucket, ''));
  step('collection', key, 's3.ls', (ctx) =>
    listObjects(ctx, input.lootBucket, 'exports/'),
  );
  step('collection', key, 's3.ls', (ctx) =>
    listObjects(ctx, input.lootBucket, 'exports/2025/'),
  );
  const objects = r.int(140, 180);
  let bytes = 0;
  for (let i = 0; i < objects; i++) {
    const size = r.int(50_000, 9_000_000);
    bytes += size;
    const month = String(1 + (i % 12)).padStart(2, '0');
    const name = `exports/2025/${month}/customers-${String(i).padStart(4, '0')}.csv.gz`;
    record(
      'collection',
      key,
      's3.cp',
      (ctx) => getObject(ctx, input.lootBucket, name, size),
      home,
    );
    time += r.int(300, 2500);
  }
  time += r.int(30, 90) * SECOND;

  // Persistence: a backdoor user that looks like a service account, with admin rights.
  const backdoorUser = makeUser(r, account.id, 'svc-backup', time);
  iamStep('persistence', key, 'iam.create-user', (ctx) =>
    iam.createUser(ctx, backdoorUser),
  );
  const backdoorKey = makeAccessKey(r, backdoorUser, time);
  iamStep('persistence', key, 'iam.create-access-key', (ctx) =>
    iam.createAccessKey(ctx, backdoorKey),
  );
  iamStep('persistence', key, 'iam.attach-user-policy', (ctx) =>
    iam.attachUserPolicy(ctx, backdoorUser.name, ADMIN_POLICY),
  );
  time += r.int(20, 60) * SECOND;
  step('persistence', backdoorKey, 'sts.get-caller-identity', global, iam.IAM_REGION);

  // Defense evasion: stop the trail. CloudTrail records this call, then nothing more.
  const stoppedLoggingAt = time;
  step('defense-evasion', key, 'cloudtrail.stop-logging', (ctx) =>
    stopLogging(ctx, account.trailArn),
  );

  return {
    steps,
    attackerIp: input.attackerIp,
    userAgentPrefix: CLI_KALI,
    exfiltrated: { bucket: input.lootBucket, objects, bytes },
    backdoor: { user: backdoorUser, key: backdoorKey, policyArn: ADMIN_POLICY },
    stoppedLoggingAt,
  };
}
