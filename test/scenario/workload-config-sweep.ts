/**
 * AWS Config's service-linked role sweeping every enabled region: config.amazonaws.com
 * assumes AWSServiceRoleForConfig and calls a few Describe APIs in each region. This is
 * the trickle that gives real trails their many tiny files in otherwise quiet regions.
 */
import type { Account } from './account.js';
import {
  actor,
  emit,
  serviceActor,
  type CallContext,
  type TrailEvent,
} from './aws-call.js';
import { ALL_REGIONS } from './aws-network.js';
import {
  makeRole,
  serviceIdentity,
  startSession,
  type IamRole,
  type RoleSession,
} from './aws-principals.js';
import { ec2Describe, type Ec2Describe } from './calls-ec2.js';
import { assumeRole } from './calls-sts.js';
import { DAY, HOUR, MINUTE } from './clock.js';
import type { Rng } from './random.js';
import {
  PendingEvents,
  clip,
  type ScenarioBase,
  type Span,
  type Workload,
} from './workload.js';

export interface ConfigSweepOptions {
  regions?: readonly string[];
  intervalHours?: number;
}

export interface ConfigSweepWorkload extends Workload {
  readonly role: IamRole;
}

const CONFIG = 'config.amazonaws.com';
const SESSION_MS = 6 * HOUR;
const DESCRIBES: readonly Ec2Describe[] = [
  'DescribeSecurityGroups',
  'DescribeVpcs',
  'DescribeSubnets',
  'DescribeNetworkInterfaces',
  'DescribeVolumes',
  'DescribeAddresses',
];

export function configSweepWorkload(
  base: ScenarioBase,
  account: Account,
  options: ConfigSweepOptions = {},
): ConfigSweepWorkload {
  const own = base.rng.fork(`config/${account.alias}`);
  const regions = options.regions ?? ALL_REGIONS;
  const interval = (options.intervalHours ?? 3) * HOUR;
  const role = makeRole(
    own,
    account.id,
    'AWSServiceRoleForConfig',
    CONFIG,
    base.origin - 700 * DAY,
    '/aws-service-role/config.amazonaws.com/',
  );
  const config = actor(serviceIdentity(CONFIG), CONFIG, CONFIG, { viaService: true });

  // Config keeps a session per region for six hours and spreads its calls over the
  // sweep, so quiet regions get single-record files.
  function sweepRegion(
    r: Rng,
    sessions: Map<string, RoleSession>,
    region: string,
    start: number,
  ): TrailEvent[] {
    const out: TrailEvent[] = [];
    let time = start;
    const at = (): CallContext => ({ rng: r, time, region, accountId: account.id });
    let session = sessions.get(region);
    if (!session || time - session.createdAt >= SESSION_MS) {
      session = startSession(r, role, 'AWSConfig-Describe', time);
      sessions.set(region, session);
      const ctx = at();
      out.push(
        emit(
          ctx,
          config,
          assumeRole(ctx, session, { durationSeconds: SESSION_MS / 1000 }),
        ),
      );
    }
    const asConfig = serviceActor(session.identity, CONFIG);
    const calls = r.int(1, 3);
    for (let i = 0; i < calls; i++) {
      time += r.int(100, 3000) + (i > 0 ? r.int(1, 8) * MINUTE : 0);
      out.push(emit(at(), asConfig, ec2Describe(at(), r.pick(DESCRIBES))));
    }
    return out;
  }

  return {
    name: `config:${account.alias}`,
    accountId: account.id,
    principals: [role],
    accessKeys: [],
    expectedPerDay: (regions.length * (2 + interval / SESSION_MS) * DAY) / interval,
    role,
    *events(span: Span): Generator<TrailEvent> {
      const r = own.fork('events');
      const pending = new PendingEvents();
      const sessions = new Map<string, RoleSession>();
      const all = function* (): Generator<TrailEvent> {
        for (
          let sweep = span.start + r.int(0, interval);
          sweep < span.end;
          sweep += interval
        ) {
          const batch: TrailEvent[] = [];
          for (const region of regions) {
            batch.push(
              ...sweepRegion(r, sessions, region, sweep + r.int(0, 20 * MINUTE)),
            );
          }
          yield* pending.before(sweep);
          pending.add(batch);
        }
        yield* pending.all();
      };
      yield* clip(span, all());
    },
  };
}
