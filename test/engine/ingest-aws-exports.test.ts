import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { toIsoTime } from '../../src/ingest/formats/export-time.js';
import { ingestPaths } from '../../src/ingest/ingest.js';
import type { CaseStore } from '../../src/store/case-store.js';
import { FIXTURES, rows, tempDir, withTempCase } from '../helpers/temp-case.js';

const EXPORTS = path.join(FIXTURES, 'cloudtrail-exports');
const S3_EXPORT = path.join(FIXTURES, 'cloudtrail', 's3-export');
const fixture = (name: string): string => path.join(EXPORTS, name);
// Files a test writes live outside the case folder, which ingest never reads.
const SCRATCH = tempDir('keytrail-aws-exports-');
afterAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

// The three IAM calls of Stratus Red Team's iam-create-admin-user, in every form.
const IAM_EVENT_IDS = [
  '083dc4ad-e264-46bc-a407-d0dd31b58bdc',
  '3346344c-5a3e-429e-8405-420f98f75d6e',
  '94faedcc-0fa4-46e6-9322-022e8e934f04',
];

async function ingestOne(
  store: CaseStore,
  name: string,
): Promise<Record<string, unknown>[]> {
  const summary = await ingestPaths(store, [fixture(name)]);
  expect(summary.failed).toEqual([]);
  return rows(
    store,
    'SELECT * EXCLUDE (raw), raw::VARCHAR AS raw FROM events ORDER BY event_uid',
  );
}

describe('CloudTrail export forms', () => {
  it.each([
    ['lookup-events.json', 'cloudtrail-lookup-events', 3],
    ['lookup-events-pages.json', 'cloudtrail-lookup-events-pages', 4],
    ['lake-results.csv', 'cloudtrail-query-csv', 3],
    ['lake-query-results.json', 'cloudtrail-lake-query-results', 3],
    ['athena-results.csv', 'cloudtrail-query-csv', 3],
    ['athena-query-results.json', 'cloudtrail-athena-query-results', 3],
    ['event-history.csv', 'cloudtrail-event-history-csv', 3],
    ['event-history-resaved.csv', 'cloudtrail-event-history-csv', 3],
    ['event-history-resaved-no-json.csv', 'cloudtrail-event-history-csv', 3],
  ])('reads %s as %s (%i events)', async (name, format, count) => {
    await withTempCase(async (store) => {
      const events = await ingestOne(store, name);
      expect(events).toHaveLength(count);
      const [file] = await rows(
        store,
        'SELECT format, events_read, events_skipped FROM evidence_files',
      );
      expect(file).toEqual({ format, events_read: BigInt(count), events_skipped: 0n });
      for (const e of events) {
        expect(e).toMatchObject({
          cloud: 'aws',
          source: 'cloudtrail',
          outcome: expect.any(String),
        });
        expect(String(e.event_uid)).toMatch(/^cloudtrail:[0-9a-f-]{36}$/);
        expect(e.time).toBeInstanceOf(Date);
        expect(e.action).toBeTruthy();
        expect(e.actor_id).toBeTruthy();
      }
    });
  });
});

describe('aws cloudtrail lookup-events', () => {
  it('keeps each CloudTrailEvent string, decoded, as the exact record text', async () => {
    await withTempCase(async (store) => {
      const events = await ingestOne(store, 'lookup-events.json');
      const answer = JSON.parse(
        fs.readFileSync(fixture('lookup-events.json'), 'utf8'),
      ) as {
        Events: { EventId: string; CloudTrailEvent: string }[];
      };
      for (const e of answer.Events) {
        const event = events.find((x) => x.event_uid === `cloudtrail:${e.EventId}`);
        expect(event?.raw).toBe(e.CloudTrailEvent);
      }
      expect(events.find((e) => e.action === 'CreateAccessKey')).toMatchObject({
        account: '229654561268',
        service: 'iam',
        actor_id: 'arn:aws:iam::229654561268:user/christophe',
        credential_id: 'AKIAOZUDECYXYM4ONAN4',
        read_only: false,
      });
    });
  });

  it('counts an event once whether it came from lookup-events or an S3 delivery file', async () => {
    for (const order of [
      [S3_EXPORT, fixture('lookup-events.json'), fixture('lookup-events-pages.json')],
      [fixture('lookup-events.json'), fixture('lookup-events-pages.json'), S3_EXPORT],
    ]) {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, order);
        expect(summary.failed).toEqual([]);
        expect(summary.events).toBe(24); // 3 + 21 records in the two S3 files
        expect(summary.duplicates).toBe(7); // every lookup-events record
        const uids = await rows(
          store,
          `SELECT event_uid FROM events WHERE event_uid IN (${IAM_EVENT_IDS.map((id) => `'cloudtrail:${id}'`).join(', ')})`,
        );
        expect(uids).toHaveLength(3);
      });
    }
  });

  it('merges pages saved one after another, in order', async () => {
    await withTempCase(async (store) => {
      await ingestOne(store, 'lookup-events-pages.json');
      const order = await rows(store, 'SELECT action FROM events ORDER BY record_index');
      expect(order.map((r) => r.action)).toEqual([
        'ListSecrets',
        'GetSecretValue',
        'GetSecretValue',
        'GetSecretValue',
      ]);
    });
  });

  it('rebuilds an event without CloudTrailEvent from its summary fields', async () => {
    await withTempCase(async (store) => {
      const file = path.join(SCRATCH, 'trimmed.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          Events: [
            {
              EventId: 'a1b2c3d4-0000-4000-8000-000000000001',
              EventName: 'DeleteTrail',
              ReadOnly: 'false',
              AccessKeyId: 'ASIAEXAMPLEKEY000001',
              EventTime: 1722519208.0,
              EventSource: 'cloudtrail.amazonaws.com',
              Username: 'ci-deploy-session',
              Resources: [
                {
                  ResourceType: 'AWS::CloudTrail::Trail',
                  ResourceName:
                    'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail',
                },
              ],
            },
          ],
        }),
      );
      await ingestPaths(store, [file]);
      const [e] = await rows(store, 'SELECT *, raw::VARCHAR AS raw FROM events');
      expect(e).toMatchObject({
        event_uid: 'cloudtrail:a1b2c3d4-0000-4000-8000-000000000001',
        action: 'DeleteTrail',
        service: 'cloudtrail',
        actor_id: 'aws:user-name:ci-deploy-session',
        credential_id: 'ASIAEXAMPLEKEY000001',
        read_only: false,
        resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail'],
      });
      expect((e?.time as Date).toISOString()).toBe('2024-08-01T13:33:28.000Z');
      expect(JSON.parse(String(e?.raw)).keytrailSourceRow.EventName).toBe('DeleteTrail');
    });
  });
});

describe('CloudTrail Lake and Athena query results', () => {
  it('rebuilds Athena rows: struct text, JSON strings, the row kept beside', async () => {
    await withTempCase(async (store) => {
      const events = await ingestOne(store, 'athena-results.csv');
      const denied = events.find((e) => e.action === 'DescribeInstanceAttribute');
      expect(denied).toMatchObject({
        event_uid: 'cloudtrail:4839af5e-7b6a-4353-a5ef-41febc9a9fa8',
        actor_id: 'arn:aws:iam::321848314756:role/stratus-red-team-get-usr-data-role',
        actor_principal_type: 'AssumedRole',
        session_name: 'aws-go-sdk-1722455550269043000',
        credential_id: 'ASIA4URVX2JM5MT0ZGK8',
        outcome: 'failure',
        error_code: 'Client.UnauthorizedOperation',
        account: '321848314756',
        read_only: true,
      });
      const assumed = events.find(
        (e) => e.event_uid === 'cloudtrail:cf589cd4-9633-4cc6-9b5c-c74f5a735fa5',
      );
      expect(assumed?.resources).toEqual([
        'arn:aws:iam::321848314756:role/stratus-red-team-get-usr-data-role',
      ]);

      const record = JSON.parse(String(denied?.raw)) as Record<string, unknown>;
      expect(record.userIdentity).toMatchObject({
        type: 'AssumedRole',
        sessionContext: {
          sessionIssuer: { type: 'Role', userName: 'stratus-red-team-get-usr-data-role' },
        },
      });
      expect(record.requestParameters).toEqual({
        attribute: 'userData',
        instanceId: 'i-95b86090',
      });
      expect(record.tlsDetails).toMatchObject({ tlsVersion: 'TLSv1.3' });
      expect(record).not.toHaveProperty('timestamp'); // a partition column, not a field
      const [header, ...cells] = parse(
        fs.readFileSync(fixture('athena-results.csv')),
      ) as string[][];
      const row = cells.find((c) => c.includes('4839af5e-7b6a-4353-a5ef-41febc9a9fa8'));
      expect(record.keytrailSourceRow).toEqual(
        Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]])),
      );
    });
  });

  it('reads Lake times and map text, JSON values inside maps included', async () => {
    await withTempCase(async (store) => {
      const events = await ingestOne(store, 'lake-results.csv');
      const created = events.find((e) => e.action === 'CreateUser');
      const record = JSON.parse(String(created?.raw)) as Record<string, unknown>;
      expect(record.eventTime).toBe('2024-08-01T13:33:28Z');
      expect(record.requestParameters).toEqual({
        tags: [{ key: 'StratusRedTeam', value: 'true' }],
        userName: 'malicious-iam-user',
      });
      expect(created).toMatchObject({
        actor_id: 'arn:aws:iam::229654561268:user/christophe',
        read_only: false,
      });
    });
  });

  it('gives the same events from the CSV and the API answers of each service', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [
        S3_EXPORT,
        fixture('lake-results.csv'),
        fixture('lake-query-results.json'),
      ]);
      expect(summary.events).toBe(24);
      expect(summary.duplicates).toBe(6);
    });
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [
        fixture('athena-results.csv'),
        fixture('athena-query-results.json'),
      ]);
      expect(summary.events).toBe(3); // the column-name row of the API answer is left out
      expect(summary.duplicates).toBe(3);
      expect(summary.skipped).toBe(0);
    });
  });

  it('refuses a query result that counts events instead of listing them', async () => {
    await withTempCase(async (store) => {
      const file = path.join(SCRATCH, 'counts.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          QueryStatus: 'FINISHED',
          QueryResultRows: [[{ eventName: 'ConsoleLogin' }, { _col1: '12' }]],
        }),
      );
      const summary = await ingestPaths(store, [file]);
      expect(summary.failed).toMatchObject([{ code: 'unknown_format' }]);
      expect(summary.failed[0]?.message).toMatch(/no event columns/);
    });
  });
});

describe('console Event history CSV', () => {
  const historyCells = (name: string): Record<string, string>[] =>
    parse(fs.readFileSync(fixture(name)), {
      columns: true,
      bom: true,
      delimiter: name.includes('resaved') ? ';' : ',',
    }) as Record<string, string>[];

  it('keeps the CloudTrail event column as the exact record text', async () => {
    for (const name of ['event-history.csv', 'event-history-resaved.csv']) {
      await withTempCase(async (store) => {
        const events = await ingestOne(store, name);
        for (const row of historyCells(name)) {
          const event = events.find(
            (e) => e.event_uid === `cloudtrail:${row['Event ID']}`,
          );
          expect(event?.raw).toBe(row['CloudTrail event']);
          expect(event?.account).toBe('229654561268');
        }
      });
    }
  });

  it('rebuilds a minimal record when the full record is not there', async () => {
    await withTempCase(async (store) => {
      const events = await ingestOne(store, 'event-history-resaved-no-json.csv');
      const attach = events.find((e) => e.action === 'AttachUserPolicy');
      expect(attach).toMatchObject({
        event_uid: 'cloudtrail:083dc4ad-e264-46bc-a407-d0dd31b58bdc',
        service: 'iam',
        region: 'ap-isob-central-3r',
        src_ip: '075.050.255.67',
        actor_id: 'aws:user-name:christophe',
        credential_id: 'AKIAOZUDECYXYM4ONAN4',
        read_only: false,
        resources: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      });
      expect((attach?.time as Date).toISOString()).toBe('2024-08-01T13:33:28.000Z');
      const record = JSON.parse(String(attach?.raw)) as Record<string, unknown>;
      expect(record.resources).toEqual([
        { ARN: 'arn:aws:iam::aws:policy/AdministratorAccess', type: 'AWS::IAM::Policy' },
        { type: 'AWS::IAM::User', resourceName: 'malicious-iam-user' },
      ]);
      expect(record.keytrailSourceRow).toMatchObject({
        'Event time': '2024-08-01 13:33:28',
      });
    });
  });

  it('reads day-first spreadsheet dates when the record must be rebuilt', async () => {
    await withTempCase(async (store) => {
      const file = path.join(SCRATCH, 'history.csv');
      fs.writeFileSync(
        file,
        '\uFEFFEvent ID;Event time;User name;Event name;Event source;Read-only\r\n' +
          'a1b2c3d4-0000-4000-8000-000000000002;01/08/2024 13:33;christophe;CreateUser;iam.amazonaws.com;FALSE\r\n',
      );
      await ingestPaths(store, [file]);
      const [e] = await rows(store, 'SELECT time, action FROM events');
      expect((e?.time as Date).toISOString()).toBe('2024-08-01T13:33:00.000Z');
    });
  });

  it('counts an event once across Event history, its re-saved copies and S3', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [
        S3_EXPORT,
        fixture('event-history.csv'),
        fixture('event-history-resaved.csv'),
        fixture('event-history-resaved-no-json.csv'),
      ]);
      expect(summary.events).toBe(24);
      expect(summary.duplicates).toBe(9);
    });
  });
});

describe('export times', () => {
  it.each([
    ['2024-08-01T13:33:28Z', '2024-08-01T13:33:28Z'],
    ['2024-08-01T13:33:28+02:00', '2024-08-01T11:33:28Z'],
    ['2024-08-01 13:33:28.000', '2024-08-01T13:33:28Z'],
    ['2024-08-01 13:33', '2024-08-01T13:33:00Z'],
    ['01/08/2024 13:33', '2024-08-01T13:33:00Z'],
    ['1.8.2024 13:33:28', '2024-08-01T13:33:28Z'],
    ['8/13/24 1:33 PM', '2024-08-13T13:33:00Z'],
    ['August 01, 2024, 13:33:28 (UTC+02:00)', '2024-08-01T11:33:28Z'],
  ])('reads %s', (text, iso) => {
    expect(toIsoTime(text)).toBe(iso);
  });

  it('refuses what is not a date', () => {
    expect(toIsoTime('31/06/2024 10:00')).toBeNull();
    expect(toIsoTime('yesterday')).toBeNull();
  });
});
