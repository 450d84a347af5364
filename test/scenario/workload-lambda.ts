/**
 * A Lambda function's execution role, busy all day. Each new execution environment
 * starts with lambda.amazonaws.com assuming the role (session name = function name) and
 * the function reading its database secret; every invocation then reads an order from
 * the inbox bucket and writes the processed result.
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
import { awsRanges, ipInAny } from './aws-network.js';
import {
  makeRole,
  serviceIdentity,
  startSession,
  type IamRole,
} from './aws-principals.js';
import { secretSuffix } from './aws-ids.js';
import { getObject, putObject } from './calls-s3.js';
import { assumeRole } from './calls-sts.js';
import { getSecretValue, kmsDecrypt } from './calls-secrets.js';
import type { LambdaFunction } from './calls-ops.js';
import { DAY, MINUTE } from './clock.js';
import type { Rng } from './random.js';
import { diurnal, poissonTimes } from './schedule.js';
import { lambdaNodeUa } from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface LambdaOptions {
  functionName?: string;
  invocationsPerHour?: number;
  /** An environment is recycled after this long without an invocation. */
  idleTimeoutMinutes?: number;
}

export interface LambdaWorkload extends Workload {
  readonly role: IamRole;
  readonly fn: LambdaFunction;
  readonly secretArn: string;
}

const LAMBDA = 'lambda.amazonaws.com';

export function lambdaWorkload(
  base: ScenarioBase,
  account: Account,
  options: LambdaOptions = {},
): LambdaWorkload {
  const name = options.functionName ?? 'orders-processor';
  const own = base.rng.fork(`lambda/${account.alias}/${name}`);
  const region = account.homeRegion;
  const role = makeRole(
    own,
    account.id,
    `${name}-role`,
    LAMBDA,
    base.origin - 300 * DAY,
    '/service-role/',
  );
  const fn: LambdaFunction = {
    name,
    arn: `arn:aws:lambda:${region}:${account.id}:function:${name}`,
    roleArn: role.arn,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
  };
  const secretArn = `arn:aws:secretsmanager:${region}:${account.id}:secret:${name}/db-${secretSuffix(own)}`;
  const inbox = `${account.alias}-orders-inbox`;
  const processed = `${account.alias}-orders-processed`;
  const kmsKey = account.kmsKeyArn(region);
  const perHour = options.invocationsPerHour ?? 1;
  const idleMs = (options.idleTimeoutMinutes ?? 12) * MINUTE;
  const lambdaService = actor(serviceIdentity(LAMBDA), LAMBDA, LAMBDA, {
    viaService: true,
  });

  interface Environment {
    lastUsed: number;
    s3: Actor;
  }

  function coldStart(r: Rng, time: number, out: TrailEvent[]): Environment {
    const ctx: CallContext = { rng: r, time, region, accountId: account.id };
    const session = startSession(r, role, name, time);
    out.push(
      emit(ctx, lambdaService, assumeRole(ctx, session, { durationSeconds: 43200 })),
    );
    const ip = ipInAny(r, awsRanges(region));
    const later = { ...ctx, time: time + r.int(300, 1500) };
    const sm = actor(session.identity, ip, lambdaNodeUa('secrets-manager'));
    out.push(emit(later, sm, getSecretValue(later, secretArn)));
    const viaSm = serviceActor(session.identity, 'secretsmanager.amazonaws.com');
    const context = { SecretARN: secretArn, SecretVersionId: r.uuidV4() };
    out.push(emit(later, viaSm, kmsDecrypt(later, kmsKey, context)));
    return { lastUsed: time, s3: actor(session.identity, ip, lambdaNodeUa('s3')) };
  }

  function invoke(r: Rng, time: number, env: Environment, out: TrailEvent[]): void {
    const day = new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');
    const order = `order-${r.uuidV4()}.json`;
    let ctx: CallContext = {
      rng: r,
      time: time + r.int(1500, 2500),
      region,
      accountId: account.id,
    };
    out.push(
      emit(
        ctx,
        env.s3,
        getObject(ctx, inbox, `incoming/${day}/${order}`, r.int(900, 6000)),
      ),
    );
    ctx = { ...ctx, time: ctx.time + r.int(80, 900) };
    const result = `processed/${day}/${order}`;
    out.push(emit(ctx, env.s3, putObject(ctx, processed, result, r.int(1200, 9000))));
    env.lastUsed = ctx.time;
  }

  return {
    name: `lambda:${role.name}`,
    accountId: account.id,
    principals: [role],
    accessKeys: [],
    expectedPerDay:
      perHour * 24 * (2 + 3 * Math.min(1, Math.exp(-perHour * (idleMs / 3.6e6)))),
    role,
    fn,
    secretArn,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      let env: Environment | undefined;
      const shape = (t: number) => diurnal(t, 15, 0.5);
      const all = function* (): Generator<TrailEvent> {
        for (const time of poissonTimes(r, span, perHour, shape, 1.5)) {
          yield* pending.before(time);
          const out: TrailEvent[] = [];
          if (!env || time - env.lastUsed > idleMs) env = coldStart(r, time, out);
          invoke(r, time, env, out);
          pending.add(out);
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
