/**
 * An AI support agent running as an ECS Fargate service with task role `support-agent`.
 * ecs-tasks.amazonaws.com assumes the role for each task (session name = task id) and
 * refreshes it every few hours. Each customer conversation calls Bedrock InvokeModel a
 * few times through the NAT gateway and reads knowledge-base articles from one bucket
 * through the VPC's S3 gateway endpoint.
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  type Actor,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { VPC_RANGE, awsRanges, ipIn } from './aws-network.js';
import { ecsTaskId, vpcEndpointId } from './aws-ids.js';
import {
  makeRole,
  serviceIdentity,
  startSession,
  type IamRole,
} from './aws-principals.js';
import { getObject, listObjects } from './calls-s3.js';
import { assumeRole } from './calls-sts.js';
import { invokeModel } from './calls-ops.js';
import { DAY, HOUR, SECOND } from './clock.js';
import type { Rng } from './random.js';
import { diurnal, poissonTimes } from './schedule.js';
import { BOTO3_FARGATE } from './user-agents.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface AiAgentOptions {
  roleName?: string;
  conversationsPerHour?: number;
  modelId?: string;
}

export interface AiAgentWorkload extends Workload {
  readonly role: IamRole;
  readonly kbBucket: string;
  readonly modelId: string;
  readonly natIps: readonly string[];
}

const ECS_TASKS = 'ecs-tasks.amazonaws.com';
const ARTICLES = [
  'refund-policy',
  'shipping-times',
  'reset-password',
  'change-billing-address',
  'cancel-subscription',
  'order-status',
  'damaged-item',
  'gift-cards',
  'international-returns',
  'account-deletion',
];

export function aiAgentWorkload(
  base: ScenarioBase,
  account: Account,
  options: AiAgentOptions = {},
): AiAgentWorkload {
  const roleName = options.roleName ?? 'support-agent';
  const own = base.rng.fork(`ai-agent/${account.alias}/${roleName}`);
  const region = account.homeRegion;
  const role = makeRole(
    own,
    account.id,
    roleName,
    ECS_TASKS,
    base.origin - 90 * DAY,
    '/ai/',
  );
  const kbBucket = `${account.alias}-support-kb`;
  const modelId = options.modelId ?? 'anthropic.claude-3-5-sonnet-20240620-v1:0';
  const natIps = [ipIn(own, awsRanges(region)[0]!), ipIn(own, awsRanges(region)[1]!)];
  const vpce = { id: vpcEndpointId(own), accountId: account.id };
  const perHour = options.conversationsPerHour ?? 2;
  const ecsService = actor(serviceIdentity(ECS_TASKS), ECS_TASKS, ECS_TASKS, {
    viaService: true,
  });

  interface Task {
    taskId: string;
    privateIp: string;
    startedAt: number;
    refreshedAt: number;
    bedrock: Actor;
    s3: Actor;
  }

  function credentials(
    r: Rng,
    time: number,
    taskId: string,
    privateIp: string,
    out: TrailEvent[],
  ) {
    const ctx: CallContext = { rng: r, time, region, accountId: account.id };
    const session = startSession(r, role, taskId, time);
    out.push(emit(ctx, ecsService, assumeRole(ctx, session, { durationSeconds: 21600 })));
    return {
      bedrock: actor(session.identity, r.pick(natIps), BOTO3_FARGATE),
      s3: actor(session.identity, privateIp, BOTO3_FARGATE, { vpcEndpoint: vpce }),
    };
  }

  function newTask(r: Rng, time: number, out: TrailEvent[]): Task {
    const taskId = ecsTaskId(r);
    const privateIp = ipIn(r, VPC_RANGE);
    return {
      taskId,
      privateIp,
      startedAt: time,
      refreshedAt: time,
      ...credentials(r, time, taskId, privateIp, out),
    };
  }

  function conversation(r: Rng, start: number, task: Task, out: TrailEvent[]): void {
    let time = start;
    const at = (): CallContext => ({ rng: r, time, region, accountId: account.id });
    const turns = r.int(1, 4);
    for (let turn = 0; turn < turns; turn++) {
      if (r.chance(0.15))
        out.push(emit(at(), task.s3, listObjects(at(), kbBucket, 'articles/')));
      const reads = r.int(0, 2);
      for (let i = 0; i < reads; i++) {
        const key = `articles/${r.pick(ARTICLES)}.md`;
        out.push(
          emit(at(), task.s3, getObject(at(), kbBucket, key, r.int(2_000, 30_000))),
        );
        time += r.int(30, 200);
      }
      const calls = r.int(1, 2);
      for (let i = 0; i < calls; i++) {
        out.push(emit(at(), task.bedrock, invokeModel(at(), modelId)));
        time += r.int(2, 9) * SECOND;
      }
      time += r.int(20, 120) * SECOND;
    }
  }

  return {
    name: `ai-agent:${role.name}`,
    accountId: account.id,
    principals: [role],
    accessKeys: [],
    // About 2.5 turns of ~2.6 calls each per conversation, plus credential refreshes.
    expectedPerDay: perHour * 24 * 6.6 + 4,
    role,
    kbBucket,
    modelId,
    natIps,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      let task: Task | undefined;
      const shape = (t: number) => diurnal(t, 14, 0.6);
      const all = function* (): Generator<TrailEvent> {
        for (const time of poissonTimes(r, span, perHour, shape, 1.6)) {
          yield* pending.before(time);
          const out: TrailEvent[] = [];
          if (!task || time - task.startedAt > DAY) {
            task = newTask(r, time, out);
          } else if (time - task.refreshedAt > 6 * HOUR) {
            Object.assign(task, credentials(r, time, task.taskId, task.privateIp, out));
            task.refreshedAt = time;
          }
          conversation(r, time + r.int(50, 400), task, out);
          pending.add(out);
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
