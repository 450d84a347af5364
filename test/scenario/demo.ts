/**
 * The bundled demo: a fortnight of the baseline estate (from Monday 2025-03-03) with one
 * injected intrusion on day 12 (Friday 2025-03-14, 03:00 UTC): the nightly ETL user's
 * AKIA key used from a hosting-provider address (see incident-etl-key.ts), the trail
 * stopped, and the administrator's clean-up that morning. `demoIncident()` describes the
 * intrusion in machine-readable form so that tests can assert what detections must find.
 */
import type { TrailEvent } from './aws-call.js';
import { identityArn } from './aws-call.js';
import { buildBaseline, type Baseline, type BaselineRates } from './baseline.js';
import { DAY, HOUR, MINUTE, isoSeconds, utc } from './clock.js';
import {
  PHASE_TECHNIQUES,
  etlKeyIncident,
  type EtlKeyIncident,
  type Phase,
} from './incident-etl-key.js';
import { incidentResponse, type IncidentResponse } from './incident-response.js';
import { S3TreeWriter, type TreeStats } from './s3-tree.js';
import { deliveryWindows, writeTrail } from './trail-writer.js';
import type { Span } from './workload.js';

export const DEMO_SEED = 'keytrail-demo-1';
export const DEMO_ORIGIN = utc('2025-03-03T00:00:00Z');
export const DEMO_DAYS = 14;
/** A hosting-provider address (5.188.0.0/16 style), not anyone's office or home. */
export const DEMO_ATTACKER_IP = '5.188.206.54';

/** Small rates so the committed tree stays under about 1 MB. */
export const DEMO_RATES: Partial<BaselineRates> = {
  etlObjectsPerRun: [15, 30],
  githubDeploysPerWeekday: 2,
  codeBuildsPerWeekday: 2,
  lambdaInvocationsPerHour: 0.35,
  agentConversationsPerHour: 0.3,
  configSweepHours: 24,
  configRegions: ['us-east-1', 'eu-west-1'],
};

export interface DemoScenario {
  baseline: Baseline;
  span: Span;
  incident: EtlKeyIncident;
  response: IncidentResponse;
  /** The streams to merge into the trail, already missing what the stopped trail lost. */
  streams(): { name: string; events: Iterator<TrailEvent> }[];
}

export function buildDemo(seed = DEMO_SEED, origin = DEMO_ORIGIN): DemoScenario {
  const baseline = buildBaseline({ seed, origin, rates: DEMO_RATES });
  const { prod } = baseline.accounts;
  const span = { start: origin, end: origin + DEMO_DAYS * DAY };
  const rng = baseline.base.rng.fork('incident');
  const day12 = origin + 11 * DAY;

  const incident = etlKeyIncident({
    rng: rng.fork('attack'),
    account: prod,
    key: baseline.etl.accessKeys[0]!,
    start: day12 + 3 * HOUR + rng.int(60, 400) * 1000,
    attackerIp: DEMO_ATTACKER_IP,
    lootBucket: `${prod.alias}-customer-exports`,
    knownBucket: baseline.etl.rawBucket,
  });
  const response = incidentResponse({
    rng: rng.fork('response'),
    account: prod,
    responder: baseline.console.people[0]!,
    start: day12 + 9 * HOUR + 10 * MINUTE + rng.int(0, 600) * 1000,
    stolenKey: baseline.etl.accessKeys[0]!,
    backdoorKey: incident.backdoor.key,
    backdoorPolicyArn: incident.backdoor.policyArn,
  });
  baseline.etl.rotateKey(response.replacementKey, response.replacementKey.createdAt);

  const gap = { from: incident.stoppedLoggingAt, to: response.restoredLoggingAt };
  const lost = (event: TrailEvent) =>
    event.record.recipientAccountId === prod.id &&
    event.time > gap.from &&
    event.time < gap.to;
  function* logged(events: Iterable<TrailEvent>): Generator<TrailEvent> {
    for (const event of events) if (!lost(event)) yield event;
  }

  return {
    baseline,
    span,
    incident,
    response,
    streams() {
      return [
        ...baseline.workloads.map((w) => ({
          name: w.name,
          events: logged(w.events(span)),
        })),
        { name: 'incident', events: logged(incident.steps.map((s) => s.event)) },
        { name: 'response', events: logged(response.events) },
      ];
    },
  };
}

export async function writeDemo(outDir: string, demo = buildDemo()): Promise<TreeStats> {
  const writer = new S3TreeWriter({ outDir, rng: demo.baseline.base.rng.fork('files') });
  return writeTrail(deliveryWindows(demo.streams()), writer);
}

export interface IncidentStepDescription {
  time: string;
  eventUid: string;
  eventID: string;
  eventSource: string;
  eventName: string;
  region: string;
  phase: Phase;
  identityId: string;
  accessKeyId: string;
  outcome: 'success' | 'failure';
  errorCode: string | null;
}

/** What a correct investigation of the demo finds (ids as Keytrail's tables hold them). */
export interface DemoIncidentDescription {
  id: 'etl-key-compromise';
  title: string;
  account: string;
  start: string;
  end: string;
  attacker: { sourceIp: string; userAgentPrefix: string };
  compromised: {
    identityId: string;
    userName: string;
    principalId: string;
    accessKeyId: string;
    /** Where and how the key is normally used. */
    usualSourceIps: string[];
    usualUserAgent: string;
  };
  backdoor: {
    identityId: string;
    userName: string;
    principalId: string;
    accessKeyId: string;
    policyArn: string;
  };
  exfiltration: { bucket: string; objects: number; bytes: number };
  loggingGap: { trailArn: string; stoppedAt: string; restoredAt: string };
  response: { identityId: string; replacementAccessKeyId: string; eventUids: string[] };
  techniques: string[];
  steps: IncidentStepDescription[];
  eventUids: string[];
}

export function demoIncident(demo = buildDemo()): DemoIncidentDescription {
  const { incident, response, baseline } = demo;
  const { prod } = baseline.accounts;
  const stolen = baseline.etl.accessKeys[0]!;
  const steps = incident.steps.map(
    ({ event, phase, accessKeyId }): IncidentStepDescription => {
      const { record } = event;
      return {
        time: record.eventTime,
        eventUid: `cloudtrail:${record.eventID}`,
        eventID: record.eventID,
        eventSource: record.eventSource,
        eventName: record.eventName,
        region: record.awsRegion,
        phase,
        identityId: identityArn(record.userIdentity),
        accessKeyId,
        outcome: record.errorCode ? 'failure' : 'success',
        errorCode: record.errorCode ?? null,
      };
    },
  );
  const backdoor = incident.backdoor;
  return {
    id: 'etl-key-compromise',
    title:
      'Nightly ETL access key used from a hosting provider: discovery, bulk S3 download, backdoor admin user, trail stopped',
    account: prod.id,
    start: steps[0]!.time,
    end: steps[steps.length - 1]!.time,
    attacker: {
      sourceIp: incident.attackerIp,
      userAgentPrefix: incident.userAgentPrefix,
    },
    compromised: {
      identityId: stolen.user.arn,
      userName: stolen.user.name,
      principalId: stolen.user.userId,
      accessKeyId: stolen.accessKeyId,
      usualSourceIps: [...baseline.etl.hostIps],
      usualUserAgent: baseline.etl.userAgent,
    },
    backdoor: {
      identityId: backdoor.user.arn,
      userName: backdoor.user.name,
      principalId: backdoor.user.userId,
      accessKeyId: backdoor.key.accessKeyId,
      policyArn: backdoor.policyArn,
    },
    exfiltration: incident.exfiltrated,
    loggingGap: {
      trailArn: prod.trailArn,
      stoppedAt: isoSeconds(incident.stoppedLoggingAt),
      restoredAt: isoSeconds(response.restoredLoggingAt),
    },
    response: {
      identityId: baseline.console.people[0]!.user.arn,
      replacementAccessKeyId: response.replacementKey.accessKeyId,
      eventUids: response.events
        .filter((e) => e.time >= response.restoredLoggingAt)
        .map((e) => `cloudtrail:${e.record.eventID}`),
    },
    techniques: [...new Set(incident.steps.flatMap((s) => PHASE_TECHNIQUES[s.phase]))],
    steps,
    eventUids: steps.map((s) => s.eventUid),
  };
}
