import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import type { CaseStore } from '../../src/store/case-store.js';
import {
  FIXTURES,
  SHARED_DATA,
  rows,
  tempDir,
  withTempCase,
} from '../helpers/temp-case.js';

const ZIP = path.join(FIXTURES, 'cloudtrail-exports', 'exports.zip');
const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');
const RECORD = JSON.stringify(
  (
    JSON.parse(
      fs.readFileSync(path.join(FIXTURES, 'cloudtrail', 'array-of-records.json'), 'utf8'),
    ) as unknown[]
  )[0],
);
// Archives a test builds live outside the case folder, which ingest never reads.
const SCRATCH = tempDir('keytrail-zip-');
afterAll(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

function writeZip(name: string, files: Zippable, dir = SCRATCH): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, zipSync(files, { mtime: new Date('2024-08-01T00:00:00Z') }));
  return file;
}

async function files(store: CaseStore): Promise<Record<string, unknown>[]> {
  return rows(
    store,
    `SELECT path, sha256, bytes, format, status, error_code, error_message, events_read
     FROM evidence_files ORDER BY file_id`,
  );
}

describe('zip archives', () => {
  it('reads each entry as a file of its own, nested zip and gzip included', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [ZIP]);
      expect(summary.failed).toEqual([]);
      expect(summary.events).toBe(6);
      expect(summary.duplicates).toBe(3); // Event history repeats the lookup-events calls

      const outer = fs.readFileSync(ZIP);
      const entries = unzipSync(outer);
      const inner = entries['nested/event-history.zip'] ?? new Uint8Array();
      const gz = unzipSync(inner)['event-history.csv.gz'] ?? new Uint8Array();
      const [lookup, athena, history] = await files(store);
      expect(lookup).toMatchObject({
        path: `${ZIP}!/lookup/lookup-events.json`,
        sha256: sha256(entries['lookup/lookup-events.json'] ?? new Uint8Array()),
        format: `cloudtrail-lookup-events@zip:${sha256(outer)}`,
        events_read: 3n,
      });
      expect(athena).toMatchObject({
        path: `${ZIP}!/athena/athena-results.csv`,
        format: `cloudtrail-query-csv@zip:${sha256(outer)}`,
      });
      expect(history).toMatchObject({
        path: `${ZIP}!/nested/event-history.zip!/event-history.csv.gz`,
        sha256: sha256(gz),
        bytes: BigInt(gz.length),
        format: `cloudtrail-event-history-csv@zip:${sha256(inner)}@zip:${sha256(outer)}`,
        events_read: 3n,
      });
      const linked = await rows(
        store,
        `SELECT count(*) AS n FROM events e JOIN evidence_files f USING (file_id)
         WHERE f.path LIKE '%!/%'`,
      );
      expect(linked[0]?.n).toBe(6n);
    });
  });

  it('adds nothing when the archive, or the same file outside it, is read again', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [ZIP]);
      const again = await ingestPaths(store, [
        ZIP,
        path.join(FIXTURES, 'cloudtrail-exports', 'lookup-events.json'),
      ]);
      expect(again.events).toBe(0);
      expect(again.duplicate_files).toBe(4);
    });
  });

  const sample = path.join(
    SHARED_DATA,
    'otrf-security-datasets',
    'ec2_proxy_s3_exfiltration.zip',
  );
  it.runIf(fs.existsSync(sample))(
    'reads the OTRF ec2_proxy_s3_exfiltration.zip sample',
    async () => {
      await withTempCase(async (store) => {
        const unzipped = sample.replace('.zip', '_2020-09-14011940.json');
        const summary = await ingestPaths(store, [sample, unzipped]);
        expect(summary.failed).toEqual([]);
        expect(summary.duplicate_files).toBe(1); // the entry is the file published beside it
        const [entry] = await files(store);
        expect(entry).toMatchObject({
          path: `${sample}!/ec2_proxy_s3_exfiltration_2020-09-14011940.json`,
          sha256: sha256(fs.readFileSync(unzipped)),
          status: 'ok',
        });
        expect(String(entry?.format)).toMatch(/^cloudtrail-jsonl@zip:[0-9a-f]{64}$/);
        const [stats] = await rows(
          store,
          `SELECT count(*) AS n, count(time) AS timed,
           count(*) FILTER (credential_id = 'ASIA5FLZVX4OPVKKVBMX') AS attacker FROM events`,
        );
        expect(stats?.n).toBe(entry?.events_read);
        expect(stats?.timed).toBe(stats?.n);
        expect(Number(stats?.attacker)).toBeGreaterThan(0);
      });
    },
  );
});

describe('zip archives that are refused', () => {
  it('refuses an entry that expands too far for its size (ratio)', async () => {
    await withTempCase(async (store) => {
      const file = writeZip('bomb.zip', {
        'ok.json': new TextEncoder().encode(RECORD),
        'spaces.json': new Uint8Array(16 * 1024 * 1024).fill(0x20),
      });
      expect(fs.statSync(file).size).toBeLessThan(64 * 1024);
      const summary = await ingestPaths(store, [file]);
      expect(summary.events).toBe(0);
      expect(summary.failed).toMatchObject([{ path: file, code: 'decompression_bomb' }]);
      const [row] = await files(store);
      expect(row?.sha256).toBe(sha256(fs.readFileSync(file)));
    });
  });

  it('refuses an archive that expands beyond the size cap, nested content included', async () => {
    await withTempCase(async (store) => {
      const copies = Math.ceil(700_000 / RECORD.length);
      const big = new TextEncoder().encode(`${RECORD}\n`.repeat(copies)); // ~700 KB
      const file = writeZip('big.zip', { 'a.jsonl': big, 'b.jsonl': big });
      const limits = { maxExpandedBytes: 1024 * 1024 };
      const summary = await ingestPaths(store, [file], { limits });
      expect(summary.failed).toMatchObject([{ code: 'decompression_bomb' }]);

      // A gzip inside the archive may only use what the archive has left.
      const gz = writeZip('gz.zip', {
        'a.jsonl': big,
        'b.jsonl.gz': [new Uint8Array(zlib.gzipSync(big)), { level: 0 }],
      });
      const nested = await ingestPaths(store, [gz], { limits });
      expect(nested.failed).toMatchObject([
        { path: `${gz}!/b.jsonl.gz`, code: 'decompression_bomb' },
      ]);
      expect(nested.events).toBe(1); // a.jsonl: copies of one event
    });
  });

  it('refuses an archive with more entries than allowed', async () => {
    await withTempCase(async (store) => {
      const entries: Zippable = {};
      for (let i = 0; i < 5; i++)
        entries[`e${i}.json`] = new TextEncoder().encode(RECORD);
      const file = writeZip('many.zip', entries);
      const summary = await ingestPaths(store, [file], {
        limits: { maxExpandedBytes: 1024 * 1024, maxArchiveEntries: 4 },
      });
      expect(summary.failed).toMatchObject([{ path: file, code: 'decompression_bomb' }]);
    });
  });

  it('refuses archives nested too deep', async () => {
    await withTempCase(async (store) => {
      let zip: Uint8Array = zipSync({ 'r.json': new TextEncoder().encode(RECORD) });
      for (let i = 0; i < 10; i++) zip = zipSync({ [`level${i}.zip`]: zip });
      const file = path.join(SCRATCH, 'deep.zip');
      fs.writeFileSync(file, zip);
      const summary = await ingestPaths(store, [file]);
      expect(summary.events).toBe(0);
      expect(summary.failed).toMatchObject([{ code: 'decompression_bomb' }]);
      expect(summary.failed[0]?.path.split('!/')).toHaveLength(9);
    });
  });

  it('refuses entries named with an absolute path or `..`, and writes nothing', async () => {
    await withTempCase(async (store) => {
      const record = new TextEncoder().encode(RECORD);
      const dir = fs.mkdtempSync(path.join(SCRATCH, 'names-'));
      const file = writeZip(
        'names.zip',
        {
          '../escaped.json': record,
          '/etc/cron.d/evil.json': record,
          'logs/../../up.json': record,
          'logs/fine.json': record,
        },
        dir,
      );
      const summary = await ingestPaths(store, [file]);
      expect(summary.events).toBe(1);
      expect(summary.duplicate_files).toBe(0); // refused entries do not shadow the good one
      const refused = summary.failed.map((f) => [f.path.split('!/')[1], f.code]);
      expect(refused).toEqual([
        ['../escaped.json', 'invalid_input'],
        ['/etc/cron.d/evil.json', 'invalid_input'],
        ['logs/../../up.json', 'invalid_input'],
      ]);
      const rowsByName = await files(store);
      expect(rowsByName.map((r) => r.sha256)).toEqual(['', '', '', sha256(record)]);
      for (const row of rowsByName.slice(0, 3)) {
        expect(String(row.error_message)).toContain(`SHA-256 ${sha256(record)}`);
      }
      expect(fs.readdirSync(dir)).toEqual(['names.zip']);
      expect(fs.existsSync(path.join(dir, '..', 'escaped.json'))).toBe(false);
      expect(fs.existsSync(path.join(path.dirname(dir), 'up.json'))).toBe(false);
    });
  });

  it('reports a damaged or empty archive, or an Office document, with its own code', async () => {
    await withTempCase(async (store) => {
      const good = fs.readFileSync(ZIP);
      const cut = path.join(SCRATCH, 'cut.zip');
      fs.writeFileSync(cut, good.subarray(0, good.length - 200));
      const empty = path.join(SCRATCH, 'empty.zip');
      fs.writeFileSync(empty, zipSync({}));
      const xlsx = writeZip('history.xlsx', {
        '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
        'xl/worksheets/sheet1.xml': new TextEncoder().encode('<worksheet/>'),
      });
      const summary = await ingestPaths(store, [cut, empty, xlsx]);
      const codes = Object.fromEntries(
        summary.failed.map((f) => [path.basename(f.path), f.code]),
      );
      expect(codes).toEqual({
        'cut.zip': 'bad_archive',
        'empty.zip': 'empty_file',
        'history.xlsx': 'unknown_format',
      });
      expect(summary.failed[2]?.message).toMatch(/save the sheet as CSV/);
    });
  });
});
