import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEvidence } from '../../src/ingest/decode.js';

const RECORD = '{"Records":[{"eventVersion":"1.09","eventName":"ListBuckets"}]}';

describe('decodeEvidence', () => {
  it('gunzips by content, whatever the name', async () => {
    const decoded = await decodeEvidence(zlib.gzipSync(RECORD));
    expect(decoded.compression).toBe('gzip');
    expect(decoded.text.toString()).toBe(RECORD);
  });

  it('refuses a decompression bomb beyond the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(
      decodeEvidence(bomb, { maxExpandedBytes: 1024 * 1024 }),
    ).rejects.toMatchObject({
      code: 'decompression_bomb',
    });
  });

  it('reports truncated gzip as bad_gzip', async () => {
    const gz = zlib.gzipSync(RECORD.repeat(50));
    await expect(decodeEvidence(gz.subarray(0, gz.length / 2))).rejects.toMatchObject({
      code: 'bad_gzip',
    });
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const decoded = await decodeEvidence(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RECORD)]),
    );
    expect(decoded.text.toString()).toBe(RECORD);
  });

  it('converts UTF-16 with and without a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RECORD, 'utf16le')]);
    expect((await decodeEvidence(le)).text.toString()).toBe(RECORD);
    const be = Buffer.from(RECORD, 'utf16le');
    be.swap16();
    expect(
      (
        await decodeEvidence(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))
      ).text.toString(),
    ).toBe(RECORD);
    expect((await decodeEvidence(Buffer.from(RECORD, 'utf16le'))).text.toString()).toBe(
      RECORD,
    );
  });

  it('refuses empty and binary files', async () => {
    await expect(decodeEvidence(Buffer.alloc(0))).rejects.toMatchObject({
      code: 'empty_file',
    });
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]);
    await expect(decodeEvidence(binary)).rejects.toMatchObject({ code: 'binary_file' });
  });

  it('hashes the bytes as stored, before decompression', async () => {
    const gz = zlib.gzipSync(RECORD);
    const { createHash } = await import('node:crypto');
    expect((await decodeEvidence(gz)).sha256).toBe(
      createHash('sha256').update(gz).digest('hex'),
    );
  });
});
