/**
 * A generic application role (an ECS task role or an EC2 instance profile) that calls a
 * small, fixed set of APIs at its own steady rate. Volume runs create many of these with
 * long-tailed rates: a few busy services and many quiet ones.
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  type Actor,
  type ApiCall,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { VPC_RANGE, awsRanges, ipIn } from './aws-network.js';
import { ec2InstanceId, ecsTaskId, secretSuffix, vpcEndpointId } from './aws-ids.js';
import {
  makeRole,
  serviceIdentity,
  startSession,
  type IamRole,
} from './aws-principals.js';
import { ec2DescribeTags } from './calls-ec2.js';
import { getObject, putObject } from './calls-s3.js';
import { assumeRole, getCallerIdentity } from './calls-sts.js';
import { getParameter, getSecretValue, kmsDecrypt } from './calls-secrets.js';
import { DAY, HOUR } from './clock.js';
import { weightedTable, type Rng, type WeightedTable } from './random.js';
import { diurnal, poissonTimes } from './schedule.js';
import { GO_EC2, JAVA_ECS } from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface AppRoleOptions {
  name: string;
  region: string;
  eventsPerDay: number;
  platform: 'ecs' | 'ec2';
}

type AppCall = (ctx: CallContext, app: AppContext) => ApiCall;

interface AppContext {
  bucket: string;
  secretArn: string;
  parameter: string;
  kmsKey: string;
  instanceId: string;
}

const CALLS: readonly (readonly [string, AppCall, number])[] = [
  [
    'get',
    (ctx, app) => getObject(ctx, app.bucket, objectKey(ctx.rng), ctx.rng.int(500, 5e6)),
    8,
  ],
  [
    'put',
    (ctx, app) => putObject(ctx, app.bucket, objectKey(ctx.rng), ctx.rng.int(500, 5e6)),
    4,
  ],
  ['param', (ctx, app) => getParameter(ctx, app.parameter), 3],
  ['secret', (ctx, app) => getSecretValue(ctx, app.secretArn), 2],
  ['decrypt', (ctx, app) => kmsDecrypt(ctx, app.kmsKey, { service: app.bucket }), 2],
  ['whoami', (ctx) => getCallerIdentity(ctx), 1],
  ['tags', (ctx, app) => ec2DescribeTags(ctx, app.instanceId), 1],
];

function objectKey(rng: Rng): string {
  return `data/${rng.int(2019, 2025)}/${rng.hex(3)}/${rng.hex(6)}.json`;
}

export function appRoleWorkload(
  base: ScenarioBase,
  account: Account,
  options: AppRoleOptions,
): Workload & { role: IamRole } {
  const own = base.rng.fork(`app/${account.alias}/${options.name}`);
  const { region, platform } = options;
  const trusted = platform === 'ecs' ? 'ecs-tasks.amazonaws.com' : 'ec2.amazonaws.com';
  const roleName = `${options.name}-${platform === 'ecs' ? 'task' : 'instance'}-role`;
  const role = makeRole(
    own,
    account.id,
    roleName,
    trusted,
    base.origin - own.int(30, 900) * DAY,
  );
  const app: AppContext = {
    bucket: `${account.alias}-${options.name}-${region}`,
    secretArn: `arn:aws:secretsmanager:${region}:${account.id}:secret:${options.name}/config-${secretSuffix(own)}`,
    parameter: `/${options.name}/config/endpoint`,
    kmsKey: account.kmsKeyArn(region),
    instanceId: ec2InstanceId(own),
  };
  // Each app uses two to four of the call kinds, with its own mix.
  const chosen = own.shuffled(CALLS).slice(0, own.int(2, 4));
  const mix: WeightedTable<AppCall> = weightedTable(
    chosen.map(([, call, weight]) => [call, weight * (0.2 + own.float())] as const),
  );
  const natIp = ipIn(own, own.pick(awsRanges(region)));
  const viaEndpoint = own.chance(0.3)
    ? { id: vpcEndpointId(own), accountId: account.id, ip: ipIn(own, VPC_RANGE) }
    : undefined;
  const userAgent = platform === 'ecs' ? JAVA_ECS : GO_EC2;
  const peakHour = own.int(0, 23);
  const depth = own.float() * 0.8;
  const perBurst = 1 + own.int(0, 2);
  const service = actor(serviceIdentity(trusted), trusted, trusted, { viaService: true });

  interface Session {
    since: number;
    actor: Actor;
    s3: Actor;
  }

  function refresh(r: Rng, time: number, out: TrailEvent[]): Session {
    const name = platform === 'ecs' ? ecsTaskId(r) : app.instanceId;
    const session = startSession(r, role, name, time);
    const ctx: CallContext = { rng: r, time, region, accountId: account.id };
    out.push(emit(ctx, service, assumeRole(ctx, session, { durationSeconds: 21600 })));
    const caller = actor(session.identity, natIp, userAgent);
    const s3 = viaEndpoint
      ? actor(session.identity, viaEndpoint.ip, userAgent, {
          vpcEndpoint: { id: viaEndpoint.id, accountId: viaEndpoint.accountId },
        })
      : caller;
    return { since: time, actor: caller, s3 };
  }

  const perHour = options.eventsPerDay / 24 / perBurst;
  return {
    name: `app:${role.name}`,
    accountId: account.id,
    principals: [role],
    accessKeys: [],
    expectedPerDay: options.eventsPerDay,
    role,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      let session: Session | undefined;
      const shape = (t: number) => diurnal(t, peakHour, depth);
      const all = function* (): Generator<TrailEvent> {
        for (const time of poissonTimes(r, span, perHour, shape, 1 + depth)) {
          yield* pending.before(time);
          const out: TrailEvent[] = [];
          if (!session || time - session.since > 6 * HOUR)
            session = refresh(r, time, out);
          let t = time;
          for (let i = 0; i < perBurst; i++) {
            const ctx: CallContext = { rng: r, time: t, region, accountId: account.id };
            const call = r.weighted(mix)(ctx, app);
            out.push(
              emit(
                ctx,
                call.eventSource === 's3.amazonaws.com' ? session.s3 : session.actor,
                call,
              ),
            );
            t += r.int(5, 400);
          }
          pending.add(out);
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
