/**
 * A zip archive handed over as evidence: each entry is read like a file of its own (a
 * gzip or another zip inside included) and becomes its own evidence_files row, with the
 * path `<archive path>!/<entry path>` and the SHA-256 of the entry's own bytes.
 *
 * The archive's own SHA-256 goes into each entry's format, as
 * `<entry format>@zip:<archive sha256>` (innermost archive first when nested), and into
 * an `archive read` log line. An archive that cannot be opened at all (damaged, a
 * decompression bomb, no entries) becomes one failed row under its own path and hash.
 */
import { KeytrailError, type KeytrailErrorInfo } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { sha256Hex, type DecodeLimits } from './decode.js';
import type { ReadFile } from './read-files.js';
import type { InputFile } from './walk.js';
import { archiveBudget, unzipEntries, type ArchiveBudget, type ZipEntry } from './zip.js';

const log = createLogger('ingest.archive');

/** Archives inside archives deeper than this are refused (a zip quine never ends). */
const MAX_DEPTH = 8;

export interface ReadContext {
  limits: DecodeLimits;
  /** Shared by an archive and everything nested in it; null outside archives. */
  budget: ArchiveBudget | null;
  depth: number;
}

export type ReadBytes = (
  file: InputFile,
  bytes: Buffer,
  context: ReadContext,
) => Promise<ReadFile[]>;

export async function readArchive(
  file: InputFile,
  bytes: Buffer,
  context: ReadContext,
  readBytes: ReadBytes,
): Promise<ReadFile[]> {
  const sha256 = sha256Hex(bytes);
  const budget = context.budget ?? archiveBudget(context.limits);

  let entries: ZipEntry[];
  try {
    if (context.depth >= MAX_DEPTH) {
      throw new KeytrailError(
        'decompression_bomb',
        `The zip archive is nested more than ${MAX_DEPTH} archives deep; refused as a possible decompression bomb.`,
      );
    }
    entries = unzipEntries(bytes, budget);
  } catch (err) {
    if (!(err instanceof KeytrailError)) throw err;
    return [failed(file, sha256, err.toInfo())];
  }
  // Office Open XML documents are zips too; their parts are not logs.
  if (entries.some((e) => e.name === '[Content_Types].xml')) {
    return [failed(file, sha256, officeDocument)];
  }
  if (entries.length === 0) {
    return [
      failed(file, sha256, {
        code: 'empty_file',
        message: 'The zip archive holds no files.',
      }),
    ];
  }
  log.info('archive read', { path: file.path, sha256, entries: entries.length });

  const reads: ReadFile[] = [];
  const inner: ReadContext = { ...context, budget, depth: context.depth + 1 };
  for (const entry of entries) {
    const entryFile = {
      path: `${file.path}!/${entry.name}`,
      bytes: entry.bytes?.length ?? 0,
    };
    if (entry.refusal || !entry.bytes) {
      const hash = entry.bytes ? sha256Hex(entry.bytes) : '';
      reads.push(failed(entryFile, hash, entry.refusal ?? unreadable));
      continue;
    }
    const read = await readBytes(entryFile, entry.bytes, inner);
    reads.push(...read.map((r) => insideArchive(r, sha256)));
  }
  return reads;
}

const officeDocument: KeytrailErrorInfo = {
  code: 'unknown_format',
  message:
    'The file is an Office document (.xlsx, .docx: a zip of XML parts), not an archive of logs; save the sheet as CSV and read that.',
};

const unreadable: KeytrailErrorInfo = {
  code: 'bad_archive',
  message: 'The entry could not be read from the archive.',
};

function failed(file: InputFile, sha256: string, error: KeytrailErrorInfo): ReadFile {
  return { file, sha256, outcome: { ok: false, error } };
}

function insideArchive(read: ReadFile, archiveSha256: string): ReadFile {
  if (!read.outcome.ok) return read;
  const value = read.outcome.value;
  return {
    ...read,
    outcome: {
      ok: true,
      value: { ...value, format: `${value.format}@zip:${archiveSha256}` },
    },
  };
}
