import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { FIXTURES, SHARED_DATA, rows, withTempCase } from '../helpers/temp-case.js';

const GCP = path.join(FIXTURES, 'gcp');
const SA = 'deploy-bot@acme-prod-4411.iam.gserviceaccount.com';

describe('GCP Cloud Audit Logs', () => {
  it('reads one entry, an array and JSON Lines, and names what it does not read', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [GCP]);
      expect(summary.events).toBe(5);
      expect(summary.duplicates).toBe(2); // the sink repeats two entries of the other files
      const files = await rows(
        store,
        `SELECT regexp_extract(path, '[^/]+$') AS name, format, events_read, status,
           error_code, error_message FROM evidence_files ORDER BY name`,
      );
      expect(files.map((f) => [f.name, f.format, f.events_read, f.status])).toEqual([
        ['activity-create-key.json', 'gcp_audit-record', 1n, 'ok'],
        ['gcloud-logging-read.json', 'gcp_audit-array', 3n, 'ok'],
        ['sink-cloudaudit.jsonl', 'gcp_audit-jsonl', 3n, 'ok'],
        ['vpc-flows.json', null, 0n, 'failed'],
      ]);
      expect(files[3]).toMatchObject({ error_code: 'unknown_format' });
      expect(String(files[3]?.error_message)).toMatch(/not Cloud Audit Logs/);
    });
  });

  it('normalizes a service account creating a key with a key', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(GCP, 'activity-create-key.json')]);
      const [e] = await rows(store, 'SELECT * EXCLUDE (raw) FROM events');
      expect(e).toMatchObject({
        cloud: 'gcp',
        source: 'gcp_audit',
        account: 'acme-prod-4411',
        service: 'iam.googleapis.com',
        action: 'google.iam.admin.v1.CreateServiceAccountKey',
        event_type: 'activity',
        outcome: 'success',
        error_code: null,
        actor_id: `gcp:sa:${SA}`,
        actor_principal_type: 'serviceAccount',
        actor_type: 'machine',
        credential_id: `//iam.googleapis.com/projects/acme-prod-4411/serviceAccounts/${SA}/keys/9f3c1e0b7a5d4c2e8b6a1f0d3c5e7a9b2d4f6e8a`,
        src_ip: '198.51.100.23',
        read_only: false,
        resources: ['projects/-/serviceAccounts/104828377192837465501'],
      });
      expect(String(e?.event_uid)).toMatch(/^gcp_audit:1kq3w8ce4r2m:[0-9a-f]{12}$/);
      expect((e?.time as Date).toISOString()).toBe('2024-08-01T13:41:07.102Z');
      expect(String(e?.user_agent)).toMatch(/^google-cloud-sdk gcloud/);
    });
  });

  it('keeps each entry exactly as read', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [
        path.join(GCP, 'activity-create-key.json'),
        path.join(GCP, 'sink-cloudaudit.jsonl'),
      ]);
      const raws = await rows(
        store,
        'SELECT raw::VARCHAR AS raw FROM events ORDER BY file_id, record_index',
      );
      const single = fs
        .readFileSync(path.join(GCP, 'activity-create-key.json'), 'utf8')
        .trim();
      const lines = fs
        .readFileSync(path.join(GCP, 'sink-cloudaudit.jsonl'), 'utf8')
        .trim()
        .split('\n');
      expect(raws.map((r) => r.raw)).toEqual([single, lines[0], lines[1]]);
    });
  });

  it('tells failures, people and reads apart', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(GCP, 'gcloud-logging-read.json')]);
      const events = await rows(
        store,
        `SELECT action, outcome, error_code, error_message, actor_id, actor_type, read_only,
           event_type, region FROM events ORDER BY action`,
      );
      expect(events).toMatchObject([
        {
          action: 'SetIamPolicy',
          outcome: 'success',
          actor_id: 'gcp:user:alice@acme.example',
          actor_type: 'human',
          read_only: false,
        },
        {
          action:
            'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion',
          outcome: 'failure',
          error_code: 'PERMISSION_DENIED',
          actor_id: `gcp:sa:${SA}`,
          event_type: 'data_access',
          read_only: true,
        },
        {
          action: 'storage.objects.get',
          outcome: 'success',
          read_only: true,
          region: 'europe-west1',
        },
      ]);
      expect(String(events[1]?.error_message)).toMatch(/secretmanager\.versions\.access/);
    });
  });

  it('gives the same entry the same event_uid in every export', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [GCP]);
      const [uids] = await rows(
        store,
        `SELECT count(*) AS n, count(DISTINCT event_uid) AS distinct_uids,
           count(*) FILTER (actor_type = 'machine') AS machine FROM events`,
      );
      expect(uids).toEqual({ n: 5n, distinct_uids: 5n, machine: 4n });
      const [identity] = await rows(
        store,
        `SELECT cloud, is_machine, event_count FROM identities WHERE identity_id = 'gcp:sa:${SA}'`,
      );
      expect(identity).toEqual({ cloud: 'gcp', is_machine: true, event_count: 4n });
    });
  });
});

describe('the public GCP samples in ../shared/data', () => {
  const fixtures = path.join(SHARED_DATA, 'gcp-security-analytics-fixtures');
  const panther = path.join(
    SHARED_DATA,
    'panther-analysis/rule-tests/panther_tests_gcp_auditlog.jsonl',
  );

  it.runIf(fs.existsSync(fixtures))(
    'reads every audit entry of security-analytics and names the others',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [fixtures]);
        const failed = Object.fromEntries(
          summary.failed.map((f) => [path.basename(f.path), f.code]),
        );
        expect(failed).toEqual({
          LICENSE: 'unknown_format',
          'google.cloud.loadbalancing.type.LoadBalancerLogEntry-Spring4Shell.json':
            'unknown_format',
          'google.cloud.loadbalancing.type.LoadBalancerLogEntry-handledbyIAP.json':
            'unknown_format',
          'google.compute.googleapis.com.vpc_flows.json': 'unknown_format',
        });
        // 15 audit entries; two pairs are variants of one entry (same insertId, log and
        // timestamp), which Cloud Logging itself treats as duplicates.
        expect(summary.events).toBe(13);
        expect(summary.duplicates).toBe(2);
        expect(summary.skipped).toBe(0);
        const [bq] = await rows(
          store,
          `SELECT account, action, actor_id, event_type FROM events
           WHERE action = 'google.cloud.bigquery.v2.JobService.InsertJob'`,
        );
        expect(bq).toEqual({
          account: '1234',
          action: 'google.cloud.bigquery.v2.JobService.InsertJob',
          actor_id: 'gcp:user:test-user@example.com',
          event_type: 'data_access',
        });
        const [denied] = await rows(
          store,
          `SELECT outcome, error_code, actor_id FROM events WHERE action = 'google.storage.objects.get'`,
        );
        expect(denied).toEqual({
          outcome: 'failure',
          error_code: 'PERMISSION_DENIED',
          actor_id: null,
        });
        const [login] = await rows(
          store,
          `SELECT outcome, account FROM events WHERE action LIKE '%loginFailure'`,
        );
        expect(login).toEqual({ outcome: 'failure', account: 'organizations/123' });
      });
    },
  );

  it.runIf(fs.existsSync(panther))(
    'reads Panther test events inside their `log` envelope',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [panther]);
        expect(summary.failed).toEqual([]);
        const [file] = await rows(
          store,
          'SELECT format, events_read, events_skipped FROM evidence_files',
        );
        expect(file?.format).toBe('gcp_audit-jsonl+log');
        // Hand-written tests: some hold only a methodName or no payload at all (skipped).
        expect(Number(file?.events_read)).toBeGreaterThan(140);
        expect(Number(file?.events_skipped)).toBeLessThan(20);
        const [filled] = await rows(
          store,
          `SELECT count(*) AS n, count(action) AS action, count(service) AS service,
           count(*) FILTER (actor_id LIKE 'gcp:%') AS actor FROM events`,
        );
        expect(filled?.action).toBe(filled?.n);
        expect(Number(filled?.actor)).toBeGreaterThan(Number(filled?.n) * 0.8);
      });
    },
  );
});
