/**
 * A nightly ETL job: an IAM user with a long-lived AKIA key, run from two fixed Elastic
 * IPs in the home region. At about 02:00 UTC every day it lists yesterday's partition of
 * the raw bucket, reads the objects and writes a curated copy (SSE-KMS with a bucket key,
 * so S3 asks KMS once per run).
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  serviceActor,
  type Actor,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { awsRanges, ipIn } from './aws-network.js';
import {
  keyIdentity,
  makeAccessKey,
  makeUser,
  type AccessKey,
  type IamUser,
} from './aws-principals.js';
import { getObject, listObjects, putObject } from './calls-s3.js';
import { kmsDecrypt, kmsGenerateDataKey, s3KmsContext } from './calls-secrets.js';
import { DAY, HOUR, MINUTE, SECOND } from './clock.js';
import type { Rng } from './random.js';
import { days } from './schedule.js';
import { BOTO3_EC2 } from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface EtlOptions {
  userName?: string;
  runHourUtc?: number;
  /** Objects read per run, inclusive range. */
  objectsPerRun?: readonly [number, number];
  /** Created this many days before the scenario starts. */
  keyAgeDays?: number;
}

export interface EtlWorkload extends Workload {
  readonly user: IamUser;
  readonly rawBucket: string;
  readonly curatedBucket: string;
  readonly hostIps: readonly string[];
  readonly userAgent: string;
  /** The key the job uses from `from` on; starts with the original key at -Infinity. */
  rotateKey(key: AccessKey, from: number): void;
}

export function etlWorkload(
  base: ScenarioBase,
  account: Account,
  options: EtlOptions = {},
): EtlWorkload {
  const own = base.rng.fork(`etl/${account.alias}`);
  const region = account.homeRegion;
  const createdAt = base.origin - (options.keyAgeDays ?? 400) * DAY;
  const user = makeUser(
    own,
    account.id,
    options.userName ?? 'etl-nightly',
    createdAt,
    '/service/',
  );
  const firstKey = makeAccessKey(own, user, createdAt + HOUR);
  const keys: { key: AccessKey; from: number }[] = [{ key: firstKey, from: -Infinity }];
  const hostIps = [ipIn(own, awsRanges(region)[0]!), ipIn(own, awsRanges(region)[0]!)];
  const rawBucket = `${account.alias}-datalake-raw`;
  const curatedBucket = `${account.alias}-datalake-curated`;
  const kmsKey = account.kmsKeyArn(region);
  const [minObjects, maxObjects] = options.objectsPerRun ?? [30, 60];
  const runHour = options.runHourUtc ?? 2;

  function keyAt(time: number): AccessKey {
    let current = firstKey;
    for (const entry of keys) if (entry.from <= time) current = entry.key;
    return current;
  }

  function run(r: Rng, start: number): TrailEvent[] {
    const key = keyAt(start);
    const client: Actor = actor(keyIdentity(key), r.pick(hostIps), BOTO3_EC2);
    const viaS3 = serviceActor(client.identity, 's3.amazonaws.com');
    const out: TrailEvent[] = [];
    let time = start;
    const at = (): CallContext => ({ rng: r, time, region, accountId: account.id });
    const partition = new Date(start - DAY).toISOString().slice(0, 10);
    const prefix = `events/dt=${partition}/`;

    const pages = r.int(1, 3);
    for (let p = 0; p < pages; p++) {
      const ctx = at();
      out.push(emit(ctx, client, listObjects(ctx, rawBucket, prefix)));
      time += r.int(200, 900);
    }
    const objects = r.int(minObjects, maxObjects);
    for (let i = 0; i < objects; i++) {
      const part = `part-${String(i).padStart(5, '0')}-${r.hex(4)}.snappy.parquet`;
      const ctx = at();
      out.push(
        emit(ctx, client, getObject(ctx, rawBucket, prefix + part, r.int(2e6, 4e7))),
      );
      if (i === 0)
        out.push(emit(ctx, viaS3, kmsDecrypt(ctx, kmsKey, s3KmsContext(rawBucket))));
      time += r.int(2, 25) * SECOND;
    }
    const outputs = Math.max(1, Math.round(objects / 4));
    for (let i = 0; i < outputs; i++) {
      const key = `curated/dt=${partition}/part-${String(i).padStart(5, '0')}.parquet`;
      const ctx = at();
      out.push(
        emit(ctx, client, putObject(ctx, curatedBucket, key, r.int(1e6, 2e7), kmsKey)),
      );
      if (i === 0) {
        out.push(
          emit(ctx, viaS3, kmsGenerateDataKey(ctx, kmsKey, s3KmsContext(curatedBucket))),
        );
      }
      time += r.int(3, 20) * SECOND;
    }
    const marker = `curated/dt=${partition}/_SUCCESS`;
    const ctx = at();
    out.push(emit(ctx, client, putObject(ctx, curatedBucket, marker, 0, kmsKey)));
    return out;
  }

  const expectedPerDay = ((minObjects + maxObjects) / 2) * 1.25 + 5;
  return {
    name: `etl:${user.name}`,
    accountId: account.id,
    principals: [user],
    get accessKeys() {
      return keys.map((entry) => entry.key);
    },
    expectedPerDay,
    user,
    rawBucket,
    curatedBucket,
    hostIps,
    userAgent: BOTO3_EC2,
    rotateKey(key: AccessKey, from: number): void {
      keys.push({ key, from });
      keys.sort((a, b) => a.from - b.from);
    },
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      const all = function* (): Generator<TrailEvent> {
        for (const day of days(span)) {
          const start = day + runHour * HOUR + Math.abs(r.jitter(0, 4 * MINUTE));
          yield* pending.before(start);
          pending.add(run(r, start));
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
