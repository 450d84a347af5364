import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { KeytrailError } from '../errors.js';

const gunzip = promisify(zlib.gunzip);

export interface DecodeLimits {
  /** Largest expanded size of one compressed file (or of a zip archive, all nested), in bytes. */
  maxExpandedBytes: number;
  /** Most entries a zip archive may hold, counting nested archives (zip.ts). */
  maxArchiveEntries?: number;
  /** Highest expanded-to-compressed ratio of a large zip entry before it counts as a bomb. */
  maxExpansionRatio?: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxExpandedBytes: 1024 * 1024 * 1024 };

export interface DecodedFile {
  sha256: string;
  /** UTF-8 text, BOM removed, decompressed. */
  text: Buffer;
  compression: 'none' | 'gzip';
}

/**
 * A zip archive, known by its magic bytes (`PK\x03\x04` before the first entry, or
 * `PK\x05\x06` for an archive with no entries), never by its name. Archives are read
 * entry by entry (read-archive.ts) rather than decoded here.
 */
export function isZipArchive(bytes: Buffer): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Turns the bytes of an evidence file into UTF-8 text: gunzip when the content starts
 * with the gzip magic (never trusting the file name), drop a UTF-8 byte-order mark,
 * convert UTF-16 with a BOM. Refuses empty and binary input with a per-file code.
 */
export async function decodeEvidence(
  bytes: Buffer,
  limits: DecodeLimits = DEFAULT_LIMITS,
): Promise<DecodedFile> {
  const sha256 = sha256Hex(bytes);
  if (bytes.length === 0) throw new KeytrailError('empty_file', 'The file is empty.');

  let text = bytes;
  let compression: DecodedFile['compression'] = 'none';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    compression = 'gzip';
    text = await gunzipCapped(bytes, limits.maxExpandedBytes);
    if (text.length === 0)
      throw new KeytrailError('empty_file', 'The gzip stream is empty.');
  }

  text = toUtf8(text);
  if (looksBinary(text)) {
    throw new KeytrailError('binary_file', 'The file holds binary data, not text logs.');
  }
  return { sha256, text, compression };
}

/** Compressed inputs up to this size are inflated on the calling thread (see below). */
const SYNC_GUNZIP_BYTES = 1024 * 1024;

async function gunzipCapped(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    // Small inputs: the thread-pool hand-off and chunked callbacks of async zlib cost
    // more than inflating a few KB here. Large inputs go to the pool.
    if (bytes.length <= SYNC_GUNZIP_BYTES) {
      return zlib.gunzipSync(bytes, { maxOutputLength: maxBytes });
    }
    return await gunzip(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new KeytrailError(
        'decompression_bomb',
        `The gzip content expands beyond ${maxBytes} bytes; refused as a possible decompression bomb.`,
      );
    }
    throw new KeytrailError(
      'bad_gzip',
      `The gzip data is damaged or truncated (${code ?? 'error'}).`,
    );
  }
}

function toUtf8(buf: Buffer): Buffer {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3);
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return Buffer.from(buf.subarray(2).toString('utf16le'), 'utf8');
  }
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, 2 + ((buf.length - 2) & ~1)));
    swapped.swap16();
    return Buffer.from(swapped.toString('utf16le'), 'utf8');
  }
  // UTF-16LE without a BOM: ASCII text with every second byte zero, e.g. `{\0"\0`.
  if (buf.length >= 4 && buf[0] !== 0 && buf[1] === 0 && buf[2] !== 0 && buf[3] === 0) {
    return Buffer.from(buf.toString('utf16le'), 'utf8');
  }
  return buf;
}

/** A NUL byte in the first 8 KiB marks binary content (text logs never hold one). */
function looksBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 8192);
  return head.includes(0);
}
