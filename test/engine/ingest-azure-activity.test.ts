import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { FIXTURES, SHARED_DATA, rows, withTempCase } from '../helpers/temp-case.js';

const AZURE = path.join(FIXTURES, 'azure');
const SUBSCRIPTION = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const PAYROLL_SP = 'azure:sp:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const BATCH_MI = 'azure:mi:2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091';
const ADELE = 'azure:user:8c9d0e1f-2a3b-4c4d-b5e6-f7a8b9c0d1e2';

/** What every shape must agree on (event ids and region exist only in some shapes). */
const COMMON = `strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time, cloud, source, account, service,
  action, event_type, outcome, error_code, actor_id, actor_type, actor_principal_type,
  src_ip, read_only, resources`;

const SHAPES = [
  'log-analytics/AzureActivity.json',
  'log-analytics-csv/AzureActivity.csv',
  'rest/activity-log-page.json',
  'diagnostic/activity-eventhub.json',
  'diagnostic/insights-activity-logs-PT1H.json',
];

describe('Azure Activity ingest', () => {
  it('reads every shape of the Activity log, recognised from content', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [AZURE]);
      expect(summary.failed).toEqual([]);
      expect(summary.skipped).toBe(0);
      const found = await rows(
        store,
        `SELECT regexp_extract(path, '[^/]+/[^/]+$') AS name, format, events_read, status
         FROM evidence_files ORDER BY name`,
      );
      expect(
        found.map((f) => [f.name, f.format, Number(f.events_read), f.status]),
      ).toEqual([
        [
          'diagnostic/activity-eventhub.json',
          'azure_activity-diagnostic-records',
          4,
          'ok',
        ],
        ['diagnostic/insights-activity-logs-PT1H.json', 'azure_activity-jsonl', 4, 'ok'],
        [
          'log-analytics-csv/AzureActivity.csv',
          'azure_activity-log-analytics-csv',
          4,
          'ok',
        ],
        ['log-analytics/AzureActivity.json', 'azure_activity-array', 4, 'ok'],
        ['rest/activity-log-page.json', 'azure_activity-api-page', 4, 'ok'],
        ['rest/az-monitor-activity-log-list.json', 'azure_activity-array', 2, 'ok'],
      ]);
      // Log Analytics, CSV and REST carry the event id: one event each. Diagnostic records
      // have none; the Event Hub and storage copies of one record are still one event.
      expect(summary.events).toBe(8);
      const [uids] = await rows(
        store,
        `SELECT count(*) FILTER (event_uid LIKE 'azure_activity:md5:%') AS hashed,
           count(*) FILTER (regexp_matches(event_uid, '^azure_activity:[0-9a-f-]{36}$')) AS ids
         FROM events`,
      );
      expect(uids).toEqual({ hashed: 4n, ids: 4n });
    });
  });

  it('normalizes an activity event the same way whatever shape it came in', async () => {
    const results: Record<string, unknown>[][] = [];
    for (const shape of SHAPES) {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [path.join(AZURE, shape)]);
        expect(summary.failed).toEqual([]);
        results.push(await rows(store, `SELECT ${COMMON} FROM events ORDER BY time`));
      });
    }
    const [first, ...others] = results;
    expect(first).toHaveLength(4);
    for (const other of others) expect(other).toEqual(first);
  });

  it('resolves the caller, outcome and subscription of each operation', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(AZURE, 'log-analytics', 'AzureActivity.json')]);
      const found = await rows(
        store,
        `SELECT event_uid, action, service, actor_id, actor_type, outcome, error_code, src_ip,
           account, read_only, resources, event_type,
           strftime(time, '%Y-%m-%dT%H:%M:%S.%gZ') AS time
         FROM events ORDER BY time`,
      );
      expect(
        found.map((e) => [e.time, e.action, e.actor_id, e.actor_type, e.outcome]),
      ).toEqual([
        [
          '2024-03-11T06:01:10.250Z',
          'microsoft.resources/deployments/write',
          BATCH_MI,
          'machine',
          'success',
        ],
        [
          '2024-03-11T07:59:30.731Z',
          'microsoft.compute/virtualmachines/delete',
          ADELE,
          'unknown',
          'failure',
        ],
        [
          '2024-03-11T08:25:31.412Z',
          'microsoft.authorization/roleassignments/write',
          PAYROLL_SP,
          'machine',
          'success',
        ],
        [
          '2024-03-11T08:26:02.087Z',
          'microsoft.storage/storageaccounts/listkeys/action',
          PAYROLL_SP,
          'machine',
          'success',
        ],
      ]);
      expect(found[1]).toMatchObject({
        event_uid: 'azure_activity:9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
        service: 'microsoft.compute',
        error_code: 'Forbidden',
        src_ip: '203.0.113.45',
        account: SUBSCRIPTION,
        read_only: false,
        event_type: 'Administrative',
        resources: [
          `/subscriptions/${SUBSCRIPTION}/resourcegroups/rg-db/providers/microsoft.compute/virtualmachines/vm-db-01`,
        ],
      });
      expect(found[2]).toMatchObject({ src_ip: '198.51.100.77', error_code: null });
    });
  });

  it('keeps each record exactly as read', async () => {
    await withTempCase(async (store) => {
      const file = path.join(AZURE, 'diagnostic', 'insights-activity-logs-PT1H.json');
      await ingestPaths(store, [file]);
      const found = await rows(
        store,
        'SELECT raw::VARCHAR AS raw FROM events ORDER BY record_index',
      );
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(found.map((e) => e.raw)).toEqual(lines);
    });
  });
});

describe('the public Azure Monitor samples in ../shared/data', () => {
  const panther = path.join(
    SHARED_DATA,
    'panther-analysis/rule-tests/panther_tests_azure_monitor_activity.jsonl',
  );

  it.runIf(fs.existsSync(panther))(
    'reads the Panther Azure Monitor rule tests (resource logs in a SIEM envelope)',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [panther]);
        expect(summary.failed).toEqual([]);
        expect(summary.skipped).toBe(0);
        const [file] = await rows(
          store,
          'SELECT format, events_read, status FROM evidence_files',
        );
        expect(file).toEqual({
          format: 'azure_activity-jsonl+log',
          events_read: 214n,
          status: 'ok',
        });
        const [filled] = await rows(
          store,
          `SELECT count(*) AS n, count(time) AS timed, count(action) AS action,
             count(src_ip) AS ip, count(outcome) AS outcome,
             count(DISTINCT source) AS sources FROM events`,
        );
        expect(filled?.sources).toBe(1n);
        expect(filled?.timed).toBe(filled?.n);
        expect(filled?.action).toBe(filled?.n);
        expect(filled?.ip).toBe(filled?.n);
        expect(Number(filled?.outcome)).toBeGreaterThan(Number(filled?.n) * 0.95);

        const [elevate] = await rows(
          store,
          `SELECT action, actor_id, outcome, src_ip FROM events
           WHERE action = 'microsoft.authorization/elevateaccess/action'`,
        );
        expect(elevate).toEqual({
          action: 'microsoft.authorization/elevateaccess/action',
          actor_id: 'azure:upn:attacker@example.com',
          outcome: 'success',
          src_ip: '203.0.113.42',
        });
        // Storage resource logs give the client port with the address.
        const ports = await rows(
          store,
          `SELECT count(*) AS n FROM events
           WHERE json_extract_string(raw, '$.callerIpAddress') LIKE '%:%' AND src_ip LIKE '%:%'`,
        );
        expect(ports[0]?.n).toBe(0n);
        const [denied] = await rows(
          store,
          `SELECT outcome, error_code, read_only FROM events
           WHERE json_extract_string(raw, '$.statusText') = 'AuthorizationPermissionMismatch'`,
        );
        expect(denied).toEqual({
          outcome: 'failure',
          error_code: 'AuthorizationPermissionMismatch',
          read_only: true,
        });
      });
    },
  );
});
