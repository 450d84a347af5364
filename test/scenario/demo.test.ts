import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, utc } from './clock.js';
import {
  DEMO_ORIGIN,
  buildDemo,
  demoIncident,
  writeDemo,
  type DemoIncidentDescription,
} from './demo.js';
import { listTree, readRecords, treeDigest, type ParsedRecord } from './read-tree.js';

const committed = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/demo',
);

let root: string;
let records: ParsedRecord[];
let incident: DemoIncidentDescription;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'keytrail-demo-'));
  await writeDemo(path.join(root, 'a'));
  records = listTree(path.join(root, 'a')).flatMap((f) =>
    readRecords(path.join(root, 'a', f)),
  );
  incident = demoIncident();
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

type Identity = { type: string; arn?: string; accessKeyId?: string };
const identity = (r: ParsedRecord) => r.userIdentity as Identity;

describe('demo scenario', () => {
  it('gives identical bytes for the same seed and different bytes for another', async () => {
    await writeDemo(path.join(root, 'b'));
    expect(treeDigest(path.join(root, 'b'))).toBe(treeDigest(path.join(root, 'a')));
    await writeDemo(path.join(root, 'c'), buildDemo('another-seed'));
    expect(treeDigest(path.join(root, 'c'))).not.toBe(treeDigest(path.join(root, 'a')));
  });

  it('matches the committed fixtures/demo tree', () => {
    if (!fs.existsSync(path.join(committed, 'AWSLogs'))) return;
    expect(treeDigest(committed)).toBe(treeDigest(path.join(root, 'a')));
  });

  it('covers a fortnight of three accounts with a few thousand events', () => {
    expect(records.length).toBeGreaterThan(2000);
    expect(records.length).toBeLessThan(5000);
    expect(new Set(records.map((r) => r.recipientAccountId)).size).toBe(3);
    const times = records.map((r) => utc(r.eventTime));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(DEMO_ORIGIN);
    expect(Math.max(...times)).toBeLessThan(DEMO_ORIGIN + 14 * DAY);
    expect(new Set(records.map((r) => r.eventID)).size).toBe(records.length);
  });

  it('describes an incident whose every event is in the tree', () => {
    const byId = new Map(records.map((r) => [r.eventID, r]));
    expect(incident.steps.length).toBeGreaterThan(150);
    for (const step of incident.steps) {
      const record = byId.get(step.eventID);
      expect(record, step.eventUid).toBeDefined();
      expect(record!.eventName).toBe(step.eventName);
      expect(record!.sourceIPAddress).toBe(incident.attacker.sourceIp);
      expect(identity(record!).accessKeyId).toBe(step.accessKeyId);
      expect(step.eventUid).toBe(`cloudtrail:${step.eventID}`);
    }
    expect(incident.start.startsWith('2025-03-14T03:')).toBe(true);
    expect(incident.steps.at(-1)!.eventName).toBe('StopLogging');
    for (const id of incident.response.eventUids)
      expect(byId.has(id.slice(11))).toBe(true);
  });

  it('has the incident the brief asks for', () => {
    const names = (phase: string) =>
      incident.steps.filter((s) => s.phase === phase).map((s) => s.eventName);
    expect(names('discovery')).toEqual(
      expect.arrayContaining([
        'ListBuckets',
        'ListUsers',
        'GetCallerIdentity',
        'DescribeInstances',
      ]),
    );
    expect(incident.steps.some((s) => s.errorCode === 'AccessDenied')).toBe(true);
    expect(names('collection').filter((n) => n === 'GetObject').length).toBe(
      incident.exfiltration.objects,
    );
    expect(names('persistence')).toEqual([
      'CreateUser',
      'CreateAccessKey',
      'AttachUserPolicy',
      'GetCallerIdentity',
    ]);
    expect(incident.backdoor.userName).toBe('svc-backup');
    expect(incident.backdoor.policyArn).toBe(
      'arn:aws:iam::aws:policy/AdministratorAccess',
    );
    const created = records.find(
      (r) =>
        r.eventName === 'CreateAccessKey' &&
        identity(r).arn === incident.compromised.identityId,
    );
    expect(JSON.stringify(created?.responseElements)).toContain(
      incident.backdoor.accessKeyId,
    );
  });

  it('uses the stolen key only from the job hosts before the incident', () => {
    const stolen = records.filter(
      (r) => identity(r).accessKeyId === incident.compromised.accessKeyId,
    );
    // Calls S3 made to KMS on the job's behalf carry its key but come from S3 itself.
    const before = stolen.filter(
      (r) => r.eventTime < incident.start && r.sourceIPAddress !== 's3.amazonaws.com',
    );
    expect(before.length).toBeGreaterThan(100);
    for (const r of before) {
      expect(incident.compromised.usualSourceIps).toContain(r.sourceIPAddress);
      expect(r.userAgent).toBe(incident.compromised.usualUserAgent);
    }
    const after = stolen.filter((r) => r.eventTime > incident.end);
    expect(after).toEqual([]);
    const replaced = records.filter(
      (r) => identity(r).accessKeyId === incident.response.replacementAccessKeyId,
    );
    expect(replaced.length).toBeGreaterThan(10);
  });

  it('logs nothing in the victim account while its trail was stopped', () => {
    const { stoppedAt, restoredAt } = incident.loggingGap;
    const inGap = records.filter(
      (r) =>
        r.recipientAccountId === incident.account &&
        r.eventTime > stoppedAt &&
        r.eventTime < restoredAt,
    );
    expect(inGap).toEqual([]);
    // Only the victim's trail stopped: the other accounts log that day as usual.
    const otherAccountsThatDay = records.filter(
      (r) =>
        r.recipientAccountId !== incident.account &&
        r.eventTime.startsWith(stoppedAt.slice(0, 10)),
    );
    expect(otherAccountsThatDay.length).toBeGreaterThan(0);
    expect(
      records.some((r) => r.eventName === 'StartLogging' && r.eventTime === restoredAt),
    ).toBe(true);
  });
});
