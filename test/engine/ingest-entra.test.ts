import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import type { CaseStore } from '../../src/store/case-store.js';
import {
  FIXTURES,
  SHARED_DATA,
  rows,
  tempDir,
  withTempCase,
} from '../helpers/temp-case.js';

const ENTRA = path.join(FIXTURES, 'entra');
const SHAPES = ['log-analytics', 'log-analytics-csv', 'graph', 'diagnostic'] as const;

// The scenario in fixtures/entra (see fixtures/README.md).
const TENANT = '4f1c2a7e-9b3d-4c8e-a1f5-2d6e8b0c3a91';
const PAYROLL_SP = 'azure:sp:5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const BATCH_MI = 'azure:mi:2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091';
const MEGAN = 'azure:user:d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6';
const ADELE = 'azure:user:8c9d0e1f-2a3b-4c4d-b5e6-f7a8b9c0d1e2';
const NEW_KEY = 'e1d2c3b4-a596-4877-8e69-5a4b3c2d1e0f';
const OLD_KEY = 'aa11bb22-cc33-4d44-9e55-ff6677889900';
const signIn = (n: number): string =>
  `entra_signin:f1a2b3c4-${n.toString(16).padStart(4, '0')}-4a1b-9c2d-3e4f5a6b7c${n.toString(16).padStart(2, '0')}`;

/** What every shape must agree on, per event (account and ASN are absent from some tables). */
const COMMON = `event_uid, time, cloud, source, event_type, action, service, outcome, error_code,
  actor_id, actor_type, actor_principal_type, credential_id, session_id, src_ip, src_country,
  user_agent, resources`;

async function files(store: CaseStore): Promise<Record<string, unknown[]>> {
  const found = await rows(
    store,
    `SELECT regexp_extract(path, '[^/]+/[^/]+$') AS name, format, events_read, status
     FROM evidence_files ORDER BY name`,
  );
  return Object.fromEntries(
    found.map((f) => [f.name, [f.format, Number(f.events_read), f.status]]),
  );
}

describe('Entra ID ingest', () => {
  it('reads every sign-in log and the audit log in every shape, recognised from content', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [ENTRA]);
      expect(summary.failed).toEqual([]);
      expect(summary.skipped).toBe(0);
      const byFile = await files(store);
      const tables: [string, string, number][] = [
        ['SigninLogs', 'SignInLogs', 2],
        ['AADNonInteractiveUserSignInLogs', 'NonInteractiveUserSignInLogs', 2],
        ['AADServicePrincipalSignInLogs', 'ServicePrincipalSignInLogs', 4],
        ['AADManagedIdentitySignInLogs', 'ManagedIdentitySignInLogs', 2],
      ];
      const graph: Record<string, string> = {
        SignInLogs: 'interactiveUser',
        NonInteractiveUserSignInLogs: 'nonInteractiveUser',
        ServicePrincipalSignInLogs: 'servicePrincipal',
        ManagedIdentitySignInLogs: 'managedIdentity',
      };
      for (const [table, category, n] of tables) {
        expect(byFile[`log-analytics/${table}.json`]).toEqual([
          'entra_signin-array',
          n,
          'ok',
        ]);
        expect(byFile[`log-analytics-csv/${table}.csv`]).toEqual([
          'entra_signin-log-analytics-csv',
          n,
          'ok',
        ]);
        expect(byFile[`graph/signIns-${graph[category]}.json`]).toEqual([
          'entra_signin-api-page',
          n,
          'ok',
        ]);
        expect(byFile[`diagnostic/${category}-eventhub.json`]).toEqual([
          'entra_signin-diagnostic-records',
          n,
          'ok',
        ]);
        expect(
          byFile[`diagnostic/insights-logs-${category.toLowerCase()}-PT1H.json`],
        ).toEqual(['entra_signin-jsonl', n, 'ok']);
      }
      expect(byFile['log-analytics/AuditLogs.json']).toEqual([
        'entra_audit-array',
        4,
        'ok',
      ]);
      expect(byFile['log-analytics-csv/AuditLogs.csv']).toEqual([
        'entra_audit-log-analytics-csv',
        4,
        'ok',
      ]);
      expect(byFile['graph/directoryAudits.json']).toEqual([
        'entra_audit-api-page',
        4,
        'ok',
      ]);
      expect(byFile['diagnostic/AuditLogs-eventhub.json']).toEqual([
        'entra_audit-diagnostic-records',
        4,
        'ok',
      ]);
      expect(byFile['diagnostic/insights-logs-auditlogs-PT1H.json']).toEqual([
        'entra_audit-jsonl',
        4,
        'ok',
      ]);

      // Ten sign-ins and four audit records, each exported in every shape: one event each.
      const [counts] = await rows(
        store,
        `SELECT count(*) AS n, count(*) FILTER (source = 'entra_signin') AS signins,
           count(*) FILTER (source = 'entra_audit') AS audits, count(DISTINCT cloud) AS clouds,
           min(cloud) AS cloud FROM events`,
      );
      expect(counts).toEqual({
        n: 14n,
        signins: 10n,
        audits: 4n,
        clouds: 1n,
        cloud: 'azure',
      });
      expect(summary.events).toBe(14);
      expect(summary.duplicates).toBe(14 * 5 + 4 - 14);
    });
  });

  it('normalizes a sign-in the same way whatever shape it came in', async () => {
    const results: Record<string, unknown>[][] = [];
    for (const shape of SHAPES) {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [path.join(ENTRA, shape)]);
        expect(summary.failed).toEqual([]);
        results.push(
          await rows(store, `SELECT ${COMMON} FROM events ORDER BY event_uid`),
        );
      });
    }
    const [first, ...others] = results;
    expect(first).toHaveLength(14);
    for (const other of others) expect(other).toEqual(first);
  });

  it('resolves each kind of sign-in to its identity, outcome, credential and origin', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(ENTRA, 'graph')]);
      const found = await rows(
        store,
        `SELECT event_uid, strftime(time, '%Y-%m-%dT%H:%M:%SZ') AS time, event_type, actor_id,
           actor_type, outcome, error_code, credential_id, src_ip, src_country, service, account
         FROM events WHERE source = 'entra_signin' ORDER BY time`,
      );
      const byUid = Object.fromEntries(found.map((e) => [e.event_uid, e]));
      // The service principal signs in from a new country with the secret added that morning.
      expect(byUid[signIn(8)]).toEqual({
        event_uid: signIn(8),
        time: '2024-03-11T08:21:44Z',
        event_type: 'ServicePrincipalSignInLogs',
        actor_id: PAYROLL_SP,
        actor_type: 'machine',
        outcome: 'success',
        error_code: null,
        credential_id: NEW_KEY,
        src_ip: '198.51.100.77',
        src_country: 'NL',
        service: 'payroll-sync',
        account: TENANT,
      });
      expect(byUid[signIn(5)]).toMatchObject({
        credential_id: OLD_KEY,
        src_country: 'US',
        src_ip: '203.0.113.10',
      });
      expect(byUid[signIn(7)]).toMatchObject({
        outcome: 'failure',
        error_code: '7000215',
        credential_id: null,
      });
      expect(byUid[signIn(9)]).toMatchObject({
        event_type: 'ManagedIdentitySignInLogs',
        actor_id: BATCH_MI,
        actor_type: 'machine',
        src_ip: null,
        src_country: null,
      });
      expect(byUid[signIn(1)]).toMatchObject({
        event_type: 'SignInLogs',
        actor_id: MEGAN,
        actor_type: 'human',
        outcome: 'success',
        src_country: 'NL',
      });
      expect(byUid[signIn(2)]).toMatchObject({
        actor_id: ADELE,
        actor_type: 'human',
        outcome: 'failure',
        error_code: '50126',
      });
      expect(byUid[signIn(3)]).toMatchObject({
        event_type: 'NonInteractiveUserSignInLogs',
        actor_id: MEGAN,
        actor_type: 'unknown',
      });
    });
  });

  it('records who added a secret to the app and what was changed', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(ENTRA, 'log-analytics-csv', 'AuditLogs.csv')]);
      const found = await rows(
        store,
        `SELECT action, event_type, service, actor_id, actor_type, src_ip, outcome, error_code,
           user_agent, resources, account, strftime(time, '%Y-%m-%dT%H:%M:%SZ') AS time
         FROM events ORDER BY time`,
      );
      expect(found.map((e) => [e.time, e.action, e.actor_id, e.outcome])).toEqual([
        [
          '2024-03-11T08:17:02Z',
          'Update application – Certificates and secrets management',
          MEGAN,
          'success',
        ],
        ['2024-03-11T08:17:05Z', 'Add service principal credentials', MEGAN, 'success'],
        [
          '2024-03-11T08:23:10Z',
          'Add app role assignment to service principal',
          PAYROLL_SP,
          'success',
        ],
        ['2024-03-11T08:24:00Z', 'Add member to role', PAYROLL_SP, 'failure'],
      ]);
      expect(found[1]).toMatchObject({
        event_type: 'ApplicationManagement',
        service: 'Core Directory',
        actor_type: 'unknown',
        src_ip: '198.51.100.23',
        resources: ['5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9'],
        account: TENANT,
      });
      expect(String(found[0]?.user_agent)).toContain('WindowsPowerShell');
      expect(found[3]).toMatchObject({
        actor_type: 'machine',
        error_code: 'Microsoft.Online.Workflows.InsufficientPrivilegesException',
      });
    });
  });

  it('keeps each record exactly as read', async () => {
    const raws: string[] = [];
    const jsonl = path.join(
      ENTRA,
      'diagnostic',
      'insights-logs-serviceprincipalsigninlogs-PT1H.json',
    );
    const page = path.join(ENTRA, 'graph', 'signIns-servicePrincipal.json');
    const csv = path.join(
      ENTRA,
      'log-analytics-csv',
      'AADServicePrincipalSignInLogs.csv',
    );
    for (const file of [jsonl, page, csv]) {
      await withTempCase(async (store) => {
        await ingestPaths(store, [file]);
        const [event] = await rows(
          store,
          `SELECT raw::VARCHAR AS raw FROM events WHERE event_uid = '${signIn(8)}'`,
        );
        raws.push(String(event?.raw));
      });
    }
    const [fromLines, fromPage, fromCsv] = raws;

    expect(fs.readFileSync(jsonl, 'utf8').split('\n')).toContain(fromLines);

    const text = fs.readFileSync(page, 'utf8');
    const value = (JSON.parse(text) as { value: { id: string }[] }).value;
    const record = value.find((r) => `entra_signin:${r.id}` === signIn(8));
    // The page is indented by two spaces per level; the record sits two levels down.
    expect(fromPage).toBe(JSON.stringify(record, null, 2).replaceAll('\n', '\n    '));
    expect(text).toContain(fromPage);

    // A CSV row becomes a JSON object keyed by column, the type suffix dropped.
    const row = JSON.parse(String(fromCsv)) as Record<string, string>;
    expect(row.TimeGenerated).toBe('3/11/2024, 8:21:44.000 AM');
    expect(row.ServicePrincipalCredentialKeyId).toBe(NEW_KEY);
    expect(Object.keys(row).some((k) => k.includes('['))).toBe(false);
  });

  it('splits a diagnostic capture that mixes categories by record', async () => {
    await withTempCase(async (store) => {
      const file = path.join(ENTRA, 'diagnostic', 'eventhub-mixed-categories.json');
      const summary = await ingestPaths(store, [file]);
      expect(summary.events).toBe(4);
      const found = await rows(
        store,
        `SELECT source, event_type, actor_id FROM events ORDER BY record_index`,
      );
      expect(found).toEqual([
        {
          source: 'entra_signin',
          event_type: 'ServicePrincipalSignInLogs',
          actor_id: PAYROLL_SP,
        },
        { source: 'entra_audit', event_type: 'ApplicationManagement', actor_id: MEGAN },
        { source: 'entra_signin', event_type: 'SignInLogs', actor_id: MEGAN },
        { source: 'entra_audit', event_type: 'ApplicationManagement', actor_id: MEGAN },
      ]);
    });
  });

  it('adds nothing when the same exports are ingested again', async () => {
    await withTempCase(async (store) => {
      const first = await ingestPaths(store, [ENTRA]);
      const second = await ingestPaths(store, [ENTRA]);
      expect(second.events).toBe(0);
      expect(second.duplicate_files).toBe(first.files);
      const [count] = await rows(store, 'SELECT count(*) AS n FROM events');
      expect(count?.n).toBe(14n);
    });
  });

  it('refuses a CSV export whose times are in an unnamed local zone', async () => {
    const dir = tempDir();
    try {
      const good = fs.readFileSync(
        path.join(ENTRA, 'log-analytics-csv', 'SigninLogs.csv'),
      );
      const file = path.join(dir, 'local.csv');
      fs.writeFileSync(
        file,
        good
          .toString('utf8')
          .replace('TimeGenerated [UTC]', 'TimeGenerated [Local Time]'),
      );
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [file]);
        expect(summary.failed).toHaveLength(1);
        expect(summary.failed[0]?.code).toBe('invalid_input');
        expect(summary.failed[0]?.message).toMatch(/UTC/);
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds identities for the service principal, the managed identity and the users', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(ENTRA, 'graph')]);
      const ids = await rows(
        store,
        `SELECT identity_id, event_count FROM identities WHERE cloud = 'azure' ORDER BY 1`,
      );
      expect(ids.map((r) => [r.identity_id, Number(r.event_count)])).toEqual([
        [BATCH_MI, 2],
        [PAYROLL_SP, 6],
        [ADELE, 2],
        [MEGAN, 4],
      ]);
    });
  });
});

describe('the public Entra samples in ../shared/data', () => {
  const otrf = path.join(SHARED_DATA, 'otrf-security-datasets/AADAuditEvents.json');
  const panther = path.join(
    SHARED_DATA,
    'panther-analysis/rule-tests/panther_tests_azure_audit_entra.jsonl',
  );

  it.runIf(fs.existsSync(otrf))(
    'reads the OTRF Golden SAML audit export (Log Analytics rows, one per line)',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [otrf]);
        expect(summary.failed).toEqual([]);
        // Four lines, the first two the same record.
        expect(summary.events).toBe(3);
        expect(summary.duplicates).toBe(1);
        const found = await rows(
          store,
          `SELECT event_uid, action, actor_id, actor_arn, account, outcome, resources,
             strftime(time, '%Y-%m-%dT%H:%M:%SZ') AS time, user_agent
           FROM events ORDER BY time`,
        );
        expect(found.map((e) => [e.time, e.action])).toEqual([
          ['2021-08-02T13:25:12Z', 'Update application'],
          ['2021-08-02T13:27:20Z', 'Add delegated permission grant'],
          [
            '2021-08-02T13:29:25Z',
            'Update application – Certificates and secrets management',
          ],
        ]);
        for (const e of found) {
          expect(e.actor_id).toBe('azure:user:aead923d-498b-4f64-a66c-2af91447a8b6');
          expect(e.actor_arn).toBe('pgustavo@simulandlabs.com');
          expect(e.account).toBe('00000000-0000-0000-0000-000000000000');
          expect(e.outcome).toBe('success');
          expect(String(e.event_uid)).toMatch(/^entra_audit:Directory_/);
        }
        expect(found[2]?.resources).toEqual(['11b49e19-2326-4be6-93cb-7f37439bbd81']);
        expect(String(found[2]?.user_agent)).toContain('WindowsPowerShell');
      });
    },
  );

  it.runIf(fs.existsSync(panther))(
    'reads the Panther Entra rule tests (diagnostic records in a SIEM envelope)',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [panther]);
        expect(summary.failed).toEqual([]);
        expect(summary.skipped).toBe(0);
        const [file] = await rows(
          store,
          'SELECT format, events_read, events_duplicate, status FROM evidence_files',
        );
        expect(file).toMatchObject({ events_read: 47n, status: 'ok' });
        expect(String(file?.format)).toMatch(/\+log$/);
        const bySource = await rows(
          store,
          `SELECT source, count(*) AS n, count(time) AS timed, count(actor_id) AS actor,
             count(outcome) AS outcome, count(src_ip) AS ip
           FROM events GROUP BY source ORDER BY source`,
        );
        expect(bySource.map((r) => r.source)).toEqual(['entra_audit', 'entra_signin']);
        for (const r of bySource) {
          expect(r.timed).toBe(r.n);
          expect(r.actor).toBe(r.n);
          expect(r.outcome).toBe(r.n);
        }
        const [sp] = await rows(
          store,
          `SELECT actor_id, actor_type, credential_id, src_country, outcome FROM events
           WHERE event_uid = 'entra_signin:55270060-d8fe-435e-9bf2-219a1d456b60'`,
        );
        expect(sp).toEqual({
          actor_id: 'azure:sp:4b6986ec-c49c-40c0-89ce-b2ac51213e39',
          actor_type: 'machine',
          credential_id: '2afc776a-4e79-4588-b2ad-f62c94d6bea8',
          src_country: 'US',
          outcome: 'success',
        });
        const [lockout] = await rows(
          store,
          `SELECT outcome, error_code, src_country FROM events
           WHERE json_extract_string(raw, '$.properties.userPrincipalName') = 'boromir@lotr.com'`,
        );
        expect(lockout).toEqual({
          outcome: 'failure',
          error_code: '50053',
          src_country: 'RU',
        });
      });
    },
  );
});

describe('Entra identities', () => {
  it('are named and typed for a person, not by object id', async () => {
    const { withTempCase, rows, FIXTURES } = await import('../helpers/temp-case.js');
    const { ingestPaths } = await import('../../src/ingest/ingest.js');
    const path = await import('node:path');
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(FIXTURES, 'entra')]);
      const ids = await rows(
        store,
        `SELECT identity_id, kind, name FROM identities
        WHERE identity_id LIKE 'azure:%' ORDER BY identity_id`,
      );
      expect(ids.length).toBeGreaterThan(2);
      const kinds = new Set(ids.map((r) => String(r.kind)));
      expect(kinds.has('service_principal')).toBe(true);
      expect(kinds.has('user')).toBe(true);
      for (const r of ids) {
        expect(r.kind).not.toBe('principal');
        expect(String(r.name)).not.toBe(String(r.identity_id).split(':').at(-1));
      }
    });
  });
});
