import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { CaseStore } from '../../src/store/case-store.js';
import {
  FIXTURES,
  SHARED_DATA,
  rows,
  tempDir,
  withTempCase,
} from '../helpers/temp-case.js';

const CLOUDTRAIL = path.join(FIXTURES, 'cloudtrail');
const BAD = path.join(FIXTURES, 'bad');

describe('CloudTrail ingest', () => {
  it('reads every common form, recognised from content', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [CLOUDTRAIL]);
      expect(summary.failed).toEqual([]);
      expect(summary.events).toBe(44);
      const files = await rows(
        store,
        `SELECT regexp_extract(path, '[^/]+$') AS name, format,
        events_read, status FROM evidence_files ORDER BY name`,
      );
      expect(files.map((f) => [f.format, f.events_read])).toEqual([
        ['cloudtrail-records', 3n],
        ['cloudtrail-records', 21n],
        ['cloudtrail-array', 1n],
        ['cloudtrail-jsonl', 19n],
      ]);
    });
  });

  it('hashes each file and links every event to it', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(CLOUDTRAIL, 'array-of-records.json')]);
      const [file] = await rows(
        store,
        'SELECT file_id, sha256, bytes FROM evidence_files',
      );
      const bytes = fs.readFileSync(path.join(CLOUDTRAIL, 'array-of-records.json'));
      const { createHash } = await import('node:crypto');
      expect(file?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file?.bytes).toBe(BigInt(bytes.length));
      const [event] = await rows(store, 'SELECT file_id FROM events');
      expect(event?.file_id).toBe(file?.file_id);
    });
  });

  it('keeps each record exactly as read, whitespace included', async () => {
    await withTempCase(async (store) => {
      const file = path.join(CLOUDTRAIL, 'array-of-records.json');
      await ingestPaths(store, [file]);
      const [event] = await rows(store, 'SELECT raw::VARCHAR AS raw FROM events');
      const text = fs.readFileSync(file, 'utf8');
      const record = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
      expect(event?.raw).toBe(record);
      expect(String(event?.raw)).toContain('\n');
    });
  });

  it('normalizes the fields of a record', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [CLOUDTRAIL]);
      const [e] = await rows(
        store,
        `SELECT * EXCLUDE (raw) FROM events
        WHERE event_uid = 'cloudtrail:a2f4bd5e-5b14-45f0-a8ba-01b7b1e2d1d2' OR action = 'StopLogging'
        ORDER BY action DESC LIMIT 1`,
      );
      expect(e).toMatchObject({
        cloud: 'aws',
        source: 'cloudtrail',
        service: 'cloudtrail',
        action: 'StopLogging',
        outcome: 'success',
      });
      expect(String(e?.event_uid)).toMatch(/^cloudtrail:/);
      expect(e?.time).toBeInstanceOf(Date);
      expect(e?.actor_id).toMatch(/^arn:aws:iam::\d+:(user|role)\//);
    });
  });

  it('resolves an assumed-role session to its role, keeping session name and key', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [path.join(CLOUDTRAIL, 'events.log')]);
      const found = await rows(
        store,
        `SELECT DISTINCT actor_id, actor_arn, session_name,
        credential_id FROM events WHERE actor_principal_type = 'AssumedRole'`,
      );
      expect(found.length).toBeGreaterThan(0);
      for (const e of found) {
        expect(e.actor_id).toMatch(/^arn:aws:iam::\d+:role\//);
        expect(e.actor_arn).toMatch(/^arn:aws:sts::\d+:assumed-role\//);
        expect(String(e.actor_arn)).toContain(`/${String(e.session_name)}`);
        expect(e.credential_id).toMatch(/^ASIA/);
      }
    });
  });

  it('adds nothing when the same files are ingested again', async () => {
    await withTempCase(async (store) => {
      const first = await ingestPaths(store, [CLOUDTRAIL]);
      const second = await ingestPaths(store, [CLOUDTRAIL]);
      expect(second.events).toBe(0);
      expect(second.duplicate_files).toBe(first.files);
      const [count] = await rows(store, 'SELECT count(*) AS n FROM events');
      expect(count?.n).toBe(44n);
    });
  });

  it('counts an event delivered in two different files once', async () => {
    await withTempCase(async (store) => {
      const lines = fs
        .readFileSync(path.join(CLOUDTRAIL, 'events.log'), 'utf8')
        .trim()
        .split('\n');
      const dir = tempDir();
      fs.writeFileSync(path.join(dir, 'a.jsonl'), lines.slice(0, 10).join('\n'));
      fs.writeFileSync(path.join(dir, 'b.json'), `[${lines.slice(5).join(',\n')}]`);
      const summary = await ingestPaths(store, [dir]);
      expect(summary.events).toBe(19);
      expect(summary.duplicates).toBe(5);
    });
  });

  it('gives each unreadable file an error code and goes on with the rest', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [BAD, CLOUDTRAIL]);
      expect(summary.events).toBe(44);
      const codes = Object.fromEntries(
        summary.failed.map((f) => [path.basename(f.path), f.code]),
      );
      expect(codes).toEqual({
        'cut-off.json': 'invalid_json',
        'empty.json': 'empty_file',
        'notes.txt': 'unknown_format',
        'truncated.json.gz': 'bad_gzip',
      });
      const failed = await rows(
        store,
        `SELECT error_code, error_message FROM evidence_files
        WHERE status = 'failed'`,
      );
      expect(failed).toHaveLength(4);
      for (const f of failed) expect(String(f.error_message).length).toBeGreaterThan(10);
    });
  });

  it('counts records that are not valid JSON as skipped, per file', async () => {
    await withTempCase(async (store) => {
      const lines = fs
        .readFileSync(path.join(CLOUDTRAIL, 'events.log'), 'utf8')
        .trim()
        .split('\n');
      const file = path.join(tempDir(), 'mixed.jsonl');
      fs.writeFileSync(
        file,
        [lines[0], '{"eventName": broken', lines[1], '{"x":"\u0001"}'].join('\n'),
      );
      const summary = await ingestPaths(store, [file]);
      expect(summary.events).toBe(2);
      expect(summary.skipped).toBe(2);
      const [f] = await rows(
        store,
        'SELECT events_read, events_skipped, status FROM evidence_files',
      );
      expect(f).toEqual({ events_read: 2n, events_skipped: 2n, status: 'ok' });
    });
  });

  it('builds identities from the events', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [CLOUDTRAIL]);
      const ids = await rows(
        store,
        `SELECT identity_id, kind, event_count FROM identities`,
      );
      const total = ids.reduce((n, r) => n + Number(r.event_count), 0);
      const [events] = await rows(store, 'SELECT count(actor_id) AS n FROM events');
      expect(total).toBe(Number(events?.n));
      expect(
        ids.every((r) =>
          ['user', 'role', 'root', 'aws_service'].includes(String(r.kind)),
        ),
      ).toBe(true);
    });
  });
});

describe('the public samples in ../shared/data', () => {
  const stratus = path.join(SHARED_DATA, 'stratus-red-team-detonation-logs');
  const panther = path.join(
    SHARED_DATA,
    'panther-analysis/rule-tests/panther_tests_aws_cloudtrail.jsonl',
  );
  const available = fs.existsSync(stratus) && fs.existsSync(panther);

  it.runIf(available)(
    'reads every Stratus Red Team and Panther CloudTrail file or says why not',
    async () => {
      await withTempCase(async (store) => {
        const summary = await ingestPaths(store, [stratus, panther]);
        const jsonFiles = fs.readdirSync(stratus).filter((f) => f.endsWith('.json'));
        const files = await rows(
          store,
          'SELECT path, status, error_code FROM evidence_files',
        );
        expect(files).toHaveLength(jsonFiles.length + 2); // + LICENSE + the Panther file
        for (const f of files) {
          if (String(f.path).endsWith('LICENSE'))
            expect(f.error_code).toBe('unknown_format');
          else expect(f.status).toBe('ok');
        }
        expect(summary.events).toBeGreaterThan(600);
        const [filled] = await rows(
          store,
          `SELECT count(*) AS n, count(actor_id) AS actor,
        count(action) AS action, count(time) AS time,
        count(TRY_CAST(json_extract_string(raw, '$.eventTime') AS TIMESTAMPTZ)) AS with_time,
        count(*) FILTER (json_extract_string(raw, '$.sourceIPAddress') IS NOT NULL) AS with_ip,
        count(coalesce(src_ip, src_service)) AS ip FROM events`,
        );
        expect(filled?.action).toBe(filled?.n);
        expect(filled?.time).toBe(filled?.with_time);
        expect(Number(filled?.with_time)).toBeGreaterThan(Number(filled?.n) * 0.95);
        expect(filled?.ip).toBe(filled?.with_ip);
        expect(Number(filled?.actor)).toBeGreaterThan(Number(filled?.n) * 0.95);
      });
    },
  );
});

describe('what is not evidence', () => {
  it('never reads the case folder itself, even inside an ingested folder', async () => {
    const parent = tempDir();
    fs.cpSync(path.join(FIXTURES, 'cloudtrail'), path.join(parent, 'logs'), {
      recursive: true,
    });
    const store = await CaseStore.open(path.join(parent, 'my-case'));
    try {
      const summary = await ingestPaths(store, [parent]);
      expect(summary.files).toBe(4);
      expect(summary.failed).toEqual([]);
    } finally {
      store.close();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
