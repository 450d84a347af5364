/**
 * Zip archives, opened in memory with fflate. Nothing is ever written to disk: an entry
 * name is only a label, so it cannot overwrite anything, but a name that is absolute or
 * climbs out with `..` marks a crafted archive and that entry is refused.
 *
 * fflate (not yauzl) because it reads the central directory synchronously from the
 * buffer ingest already holds, lets a filter see every entry's declared sizes before a
 * byte is inflated, and inflates into a buffer of exactly the declared size, so no entry
 * can grow past what the caps below allowed. It has no dependencies and ships its types.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { KeytrailError, type KeytrailErrorInfo } from '../errors.js';
import { sha256Hex, type DecodeLimits } from './decode.js';

/** What an archive (with everything nested in it) may still expand to. Shared, mutable. */
export interface ArchiveBudget {
  bytesLeft: number;
  entriesLeft: number;
  readonly maxRatio: number;
}

export interface ZipEntry {
  /** The entry's path inside the archive, as the archive names it. */
  name: string;
  /** The entry's bytes; null when it was refused before inflating. */
  bytes: Buffer | null;
  /** Why the entry is not read, or null. */
  refusal: KeytrailErrorInfo | null;
}

const DEFAULT_MAX_ENTRIES = 100_000;
// Real logs deflate about 10:1, thousands of identical records about 200:1; deflate
// cannot pass ~1030:1, which is what zero-filled bombs reach.
const DEFAULT_MAX_RATIO = 500;
// Small entries are never refused for their ratio: they cannot exhaust memory.
const RATIO_FLOOR_BYTES = 1024 * 1024;
const END_RECORD = 0x06054b50;
const STORED = 0;
const DEFLATE = 8;

export function archiveBudget(limits: DecodeLimits): ArchiveBudget {
  return {
    bytesLeft: limits.maxExpandedBytes,
    entriesLeft: limits.maxArchiveEntries ?? DEFAULT_MAX_ENTRIES,
    maxRatio: limits.maxExpansionRatio ?? DEFAULT_MAX_RATIO,
  };
}

/**
 * The files of a zip archive, in central-directory order (folders left out). Throws
 * `decompression_bomb` when the archive would pass the budget and `bad_archive` when it
 * cannot be read; a single bad entry is returned with its refusal instead.
 */
export function unzipEntries(bytes: Buffer, budget: ArchiveBudget): ZipEntry[] {
  if (!endsWithEndRecord(bytes)) {
    throw new KeytrailError(
      'bad_archive',
      'The zip archive is cut off or damaged: it does not end with its end-of-central-directory record.',
    );
  }
  const order: { name: string; declared: number; refusal: KeytrailErrorInfo | null }[] =
    [];
  const seen = new Set<string>();
  const admit = (info: UnzipFileInfo): boolean => {
    if (info.name.endsWith('/')) return false;
    if (--budget.entriesLeft < 0) throw bomb('holds more entries than Keytrail accepts');
    const refusal = refuseBeforeInflating(info, seen);
    seen.add(info.name);
    order.push({ name: info.name, declared: info.originalSize, refusal });
    if (refusal) return false;
    checkExpansion(info, budget);
    budget.bytesLeft -= info.originalSize;
    return true;
  };

  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: admit });
  } catch (err) {
    if (err instanceof KeytrailError) throw err;
    throw new KeytrailError(
      'bad_archive',
      `The zip archive is damaged or cut off (${(err as Error).message}).`,
    );
  }

  return order.map(({ name, declared, refusal }) => {
    if (refusal) return { name, bytes: null, refusal };
    const data = files[name];
    const entryBytes = data
      ? Buffer.from(data.buffer, data.byteOffset, data.length)
      : null;
    // Refused for its name, the entry is not evidence: its row gets no hash (so it
    // cannot shadow an identical entry as a duplicate), its message names the hash.
    if (entryBytes && isUnsafeName(name)) {
      return { name, bytes: null, refusal: unsafeName(sha256Hex(entryBytes)) };
    }
    return { name, bytes: entryBytes, refusal: damaged(entryBytes, declared) };
  });
}

/**
 * APPNOTE 4.3.16: an archive ends with its end-of-central-directory record (22 bytes
 * and a comment of the length it states). A cut-off archive does not, and fflate would
 * otherwise take the record of a zip stored inside it for the archive's own.
 */
function endsWithEndRecord(bytes: Buffer): boolean {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (
      bytes.readUInt32LE(i) === END_RECORD &&
      i + 22 + bytes.readUInt16LE(i + 20) === bytes.length
    ) {
      return true;
    }
  }
  return false;
}

function refuseBeforeInflating(
  info: UnzipFileInfo,
  seen: ReadonlySet<string>,
): KeytrailErrorInfo | null {
  if (seen.has(info.name)) {
    return {
      code: 'bad_archive',
      message: 'The archive holds two entries with this name; only the first was read.',
    };
  }
  if (info.compression !== STORED && info.compression !== DEFLATE) {
    return {
      code: 'bad_archive',
      message: `The entry is compressed with zip method ${info.compression}; Keytrail reads stored and deflated entries only.`,
    };
  }
  return null;
}

function checkExpansion(info: UnzipFileInfo, budget: ArchiveBudget): void {
  if (
    info.originalSize > RATIO_FLOOR_BYTES &&
    info.originalSize > budget.maxRatio * Math.max(info.size, 1)
  ) {
    throw bomb(
      `has an entry (${info.name}) that expands more than ${budget.maxRatio} times`,
    );
  }
  if (info.originalSize > budget.bytesLeft) {
    throw bomb('expands beyond the size Keytrail accepts for one archive');
  }
}

function unsafeName(sha256: string): KeytrailErrorInfo {
  return {
    code: 'invalid_input',
    message: `The entry name is absolute or climbs out of the archive with \`..\`, the mark of a crafted archive; refused unread (entry SHA-256 ${sha256}).`,
  };
}

/** An entry whose content is not the size its header declares. */
function damaged(bytes: Buffer | null, declared: number): KeytrailErrorInfo | null {
  if (bytes && bytes.length === declared) return null;
  return {
    code: 'bad_archive',
    message: `The entry is damaged: it expands to ${bytes?.length ?? 0} bytes, not the ${declared} its header declares.`,
  };
}

/** Absolute (`/x`, `\x`, `C:x`), climbing (`..` as a segment), or holding control bytes. */
function isUnsafeName(name: string): boolean {
  if (/^[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) return true;
  if (name.split(/[/\\]/).includes('..')) return true;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f]/.test(name);
}

function bomb(what: string): KeytrailError {
  return new KeytrailError(
    'decompression_bomb',
    `The zip archive ${what}; refused as a possible decompression bomb.`,
  );
}
