/**
 * Benchmark-sized trails that look like real ones: groups of baseline estates (prod,
 * staging, tooling) plus a long tail of application roles, sized so that the requested
 * number of events spans about `days` days. Many files are tiny (quiet regions get
 * a few Config records per sweep), a few identities are busy, most are not.
 *
 * Streams are open-ended and the writer stops at exactly `events` events, so memory
 * holds one delivery window at a time whatever the total.
 */
import type { Account } from './account.js';
import { buildBaseline, type Baseline, type BaselineRates } from './baseline.js';
import { DAY, utc } from './clock.js';
import { Rng } from './random.js';
import { S3TreeWriter, type TreeStats } from './s3-tree.js';
import { deliveryWindows, writeTrail, type DeliveryWindow } from './trail-writer.js';
import { appRoleWorkload } from './workload-app-role.js';
import type { Workload } from './workload.js';

export interface VolumeOptions {
  events: number;
  outDir: string;
  seed?: string;
  /** The trail's first day, ms UTC. */
  origin?: number;
  /** About how many days the events should cover. */
  days?: number;
  /** Baseline estates of three accounts each; by default one per 1.2M events. */
  groups?: number;
  appRolesPerGroup?: number;
  /** Worker threads for gzip and file writes (0 = the calling thread); default 2. */
  workers?: number;
  /**
   * gzip level; default 1, which is about a third cheaper than 6 and gives about 7.5:1,
   * near the ratio PERFORMANCE.md measured.
   */
  gzipLevel?: number;
  onWindow?: (window: DeliveryWindow, eventsSoFar: number) => void;
}

export interface VolumeStats extends TreeStats {
  accounts: number;
  workloads: number;
  firstEventTime: number;
  lastEventTime: number;
}

// Shares of each group's adjustable traffic (what the fixed schedules leave).
const SHARE = { etl: 0.08, lambda: 0.25, agent: 0.12, apps: 0.55 };

function groupRates(perDay: number, fixedPerDay: number): Partial<BaselineRates> {
  const adjustable = Math.max(perDay - fixedPerDay, perDay * 0.3);
  const objects = Math.max(10, Math.round((adjustable * SHARE.etl) / 1.25));
  return {
    etlObjectsPerRun: [Math.round(objects * 0.8), Math.round(objects * 1.2)],
    githubDeploysPerWeekday: 4,
    codeBuildsPerWeekday: 6,
    lambdaInvocationsPerHour: (adjustable * SHARE.lambda) / 24 / 2.2,
    agentConversationsPerHour: (adjustable * SHARE.agent) / 24 / 6.6,
    configSweepHours: 3,
  };
}

function appRoles(
  rng: Rng,
  baseline: Baseline,
  count: number,
  perDay: number,
): Workload[] {
  const { prod, staging } = baseline.accounts;
  const placements: readonly [Account, string][] = [
    [prod, prod.homeRegion],
    [prod, prod.homeRegion],
    [prod, prod.regions[1] ?? prod.homeRegion],
    [staging, staging.homeRegion],
  ];
  // Pareto weights: a handful of busy services and a long, quiet tail.
  const weights = Array.from({ length: count }, () => rng.pareto(1, 1.1));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight, i) => {
    const [account, region] = rng.pick(placements);
    return appRoleWorkload(baseline.base, account, {
      name: `svc${String(i).padStart(2, '0')}-${rng.pick(NAMES)}`,
      region,
      eventsPerDay: (perDay * weight) / total,
      platform: rng.chance(0.6) ? 'ecs' : 'ec2',
    });
  });
}

function fixedPerDay(baseline: Baseline): number {
  const scaled = new Set<Workload>([baseline.etl, baseline.lambda, baseline.agent]);
  return baseline.workloads
    .filter((w) => !scaled.has(w))
    .reduce((sum, w) => sum + w.expectedPerDay, 0);
}

const NAMES = [
  'billing',
  'search',
  'catalog',
  'payments',
  'notify',
  'reports',
  'auth',
  'media',
];

export interface VolumePlan {
  accounts: number;
  workloads: Workload[];
  start: number;
}

export function planVolume(options: VolumeOptions): VolumePlan {
  const seed = options.seed ?? 'keytrail-volume-1';
  const origin = options.origin ?? utc('2025-01-01T00:00:00Z');
  const days = options.days ?? 30;
  const groups = options.groups ?? Math.max(1, Math.round(options.events / 1_200_000));
  const perGroupDay = options.events / groups / days;
  const rng = new Rng(seed);
  const workloads: Workload[] = [];
  for (let g = 0; g < groups; g++) {
    const company = g === 0 ? 'acme' : `acme${g + 1}`;
    const build = (rates: Partial<BaselineRates>) =>
      buildBaseline({ seed: `${seed}/g${g}`, origin, company, rates });
    // Schedules that do not scale (deploys, people, Config sweeps) come first.
    const fixed = fixedPerDay(build(groupRates(1, 0)));
    const baseline = build(groupRates(perGroupDay, fixed));
    const adjustable = Math.max(perGroupDay - fixed, perGroupDay * 0.3);
    workloads.push(...baseline.workloads);
    const count = options.appRolesPerGroup ?? 24;
    workloads.push(
      ...appRoles(rng.fork(`apps/${g}`), baseline, count, adjustable * SHARE.apps),
    );
  }
  return { accounts: groups * 3, workloads, start: origin };
}

export async function generateVolume(options: VolumeOptions): Promise<VolumeStats> {
  const plan = planVolume(options);
  const span = { start: plan.start, end: Number.POSITIVE_INFINITY };
  const streams = plan.workloads.map((w) => ({ name: w.name, events: w.events(span) }));
  const writer = new S3TreeWriter({
    outDir: options.outDir,
    rng: new Rng(`${options.seed ?? 'keytrail-volume-1'}/files`),
    workers: options.workers ?? 2,
    gzipLevel: options.gzipLevel ?? 1,
  });
  let firstEventTime = Number.NaN;
  let lastEventTime = Number.NaN;
  const stats = await writeTrail(deliveryWindows(streams), writer, {
    maxEvents: options.events,
    onWindow(window, soFar) {
      if (Number.isNaN(firstEventTime))
        firstEventTime = window.events[0]?.time ?? window.start;
      lastEventTime = window.events[window.events.length - 1]?.time ?? lastEventTime;
      options.onWindow?.(window, soFar);
    },
  });
  return {
    ...stats,
    accounts: plan.accounts,
    workloads: plan.workloads.length,
    firstEventTime,
    lastEventTime,
  };
}

export function spannedDays(stats: VolumeStats): number {
  return (stats.lastEventTime - stats.firstEventTime) / DAY;
}
