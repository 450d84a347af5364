import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { rows, tempDir, withTempCase } from '../helpers/temp-case.js';

// Every bad file gets its own error code in evidence_files and the CLI summary; the good
// file beside it is always ingested.
const dir = tempDir('keytrail-bad-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const record = (id: number, extra: Record<string, unknown> = {}) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/etl' },
  eventTime: '2024-05-01T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  eventID: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  ...extra,
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function ingestWithGood(file: string, limits?: { maxExpandedBytes: number }) {
  const good = write(
    `good-${path.basename(file)}.json`,
    JSON.stringify({ Records: [record(1)] }),
  );
  return withTempCase(async (store) => {
    const summary = await ingestPaths(store, [file, good], limits ? { limits } : {});
    const files = await rows(
      store,
      'SELECT path, status, error_code, events_read FROM evidence_files',
    );
    return { summary, files };
  });
}

describe('bad input', () => {
  it.each([
    [
      'truncated gzip',
      'cut.json.gz',
      zlib.gzipSync(JSON.stringify({ Records: [record(2)] })).subarray(0, 30),
      'bad_gzip',
    ],
    [
      'invalid JSON',
      'broken.json',
      '{"Records": [{"eventVersion": "1.09", ',
      'invalid_json',
    ],
    [
      'JSON of an unknown kind',
      'other.json',
      '[{"name": "not a log"}]',
      'unknown_format',
    ],
    ['an empty file', 'empty.json', '', 'empty_file'],
    [
      'a binary file',
      'image.bin',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2]),
      'binary_file',
    ],
    ['plain text', 'notes.txt', 'hello, this is not a log\n', 'unknown_format'],
  ])('%s fails alone with a code', async (_what, name, content, code) => {
    const { summary, files } = await ingestWithGood(write(name, content));
    expect(summary.events).toBe(1);
    expect(summary.failed.map((f) => [path.basename(f.path), f.code])).toEqual([
      [name, code],
    ]);
    expect(files.find((f) => String(f.path).endsWith(name))).toMatchObject({
      status: 'failed',
      error_code: code,
    });
  });

  it('refuses a decompression bomb beyond the cap', async () => {
    const bomb = write(
      'bomb.json.gz',
      zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20)),
    );
    const { summary } = await ingestWithGood(bomb, { maxExpandedBytes: 4 * 1024 * 1024 });
    expect(summary.failed.map((f) => f.code)).toEqual(['decompression_bomb']);
    expect(summary.events).toBe(1);
  });

  it('reads a single record of tens of megabytes', async () => {
    const big = record(3, {
      requestParameters: { policy: 'A'.repeat(30 * 1024 * 1024) },
    });
    const { summary, files } = await ingestWithGood(
      write('big.json', JSON.stringify({ Records: [big] })),
    );
    expect(summary.failed).toEqual([]);
    expect(summary.events).toBe(2);
    expect(files.every((f) => f.status === 'ok')).toBe(true);
  });

  it('reads UTF-16 and BOM-prefixed text', async () => {
    const text = JSON.stringify({ Records: [record(4, { userAgent: 'naïve 日本' })] });
    const utf16 = write(
      'utf16.json',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const bom = write(
      'bom.json',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(text.replace('0004', '0005')),
      ]),
    );
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [utf16, bom]);
      expect(summary.failed).toEqual([]);
      expect(summary.events).toBe(2);
      const agents = await rows(store, 'SELECT DISTINCT user_agent FROM events');
      expect(agents).toEqual([{ user_agent: 'naïve 日本' }]);
    });
  });

  it('skips and counts records that are not events, never silently', async () => {
    const mixed = write(
      'mixed.json',
      JSON.stringify([record(6), 'a string', { eventVersion: '1.0' }, record(7)]),
    );
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [mixed]);
      expect(summary.events).toBe(2);
      expect(summary.skipped).toBe(2);
      const [file] = await rows(
        store,
        'SELECT events_read, events_skipped FROM evidence_files',
      );
      expect(file).toEqual({ events_read: 2n, events_skipped: 2n });
    });
  });
});
