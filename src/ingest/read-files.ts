import fs from 'node:fs';
import { KeytrailError, toErrorInfo, type KeytrailErrorInfo } from '../errors.js';
import { decodeEvidence, isZipArchive, sha256Hex, type DecodeLimits } from './decode.js';
import { extract } from './formats/extract.js';
import type { Extracted } from './formats/types.js';
import { readArchive, type ReadContext } from './read-archive.js';
import type { InputFile } from './walk.js';
import { createLogger } from '../log/logger.js';

const log = createLogger('ingest.read');

const SYNC_READ_BYTES = 4 * 1024 * 1024;

export interface ReadFile {
  file: InputFile;
  sha256: string;
  /** The records, or why the file could not be read. */
  outcome: { ok: true; value: Extracted } | { ok: false; error: KeytrailErrorInfo };
}

/**
 * Reads, hashes, decodes and splits files, up to `concurrency` at a time (gunzip and
 * hashing run on libuv's thread pool), yielding them in input order. A zip archive
 * yields one result per entry, its path `<archive>!/<entry>` (read-archive.ts).
 */
export async function* readFiles(
  files: readonly InputFile[],
  limits: DecodeLimits,
  concurrency = 4,
): AsyncGenerator<ReadFile> {
  const pending: Promise<ReadFile[]>[] = [];
  let next = 0;
  const fill = (): void => {
    while (pending.length < concurrency && next < files.length) {
      const file = files[next++];
      if (file) pending.push(readOne(file, limits));
    }
  };
  fill();
  while (pending.length > 0) {
    const head = pending.shift();
    if (!head) break;
    const results = await head;
    fill();
    yield* results;
  }
}

async function readOne(file: InputFile, limits: DecodeLimits): Promise<ReadFile[]> {
  let bytes: Buffer;
  try {
    // Most evidence files are a few KB (one delivery file per account, region and five
    // minutes): a synchronous read avoids four thread-pool round trips per file.
    bytes =
      file.bytes <= SYNC_READ_BYTES
        ? fs.readFileSync(file.path)
        : await fs.promises.readFile(file.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    return [
      {
        file,
        sha256: '',
        outcome: {
          ok: false,
          error: { code: 'io_error', message: `Cannot read the file (${code}).` },
        },
      },
    ];
  }
  return readBytes(file, bytes, { limits, budget: null, depth: 0 });
}

/** One file's bytes: a zip archive is read entry by entry, anything else decoded whole. */
async function readBytes(
  file: InputFile,
  bytes: Buffer,
  context: ReadContext,
): Promise<ReadFile[]> {
  if (isZipArchive(bytes)) return readArchive(file, bytes, context, readBytes);
  const { budget } = context;
  try {
    // Inside an archive, a gzip entry may only expand into what the archive has left.
    const limits = budget
      ? { ...context.limits, maxExpandedBytes: Math.max(1, budget.bytesLeft) }
      : context.limits;
    const decoded = await decodeEvidence(bytes, limits);
    if (budget && decoded.compression === 'gzip') budget.bytesLeft -= decoded.text.length;
    return [
      {
        file,
        sha256: decoded.sha256,
        outcome: { ok: true, value: extract(decoded.text) },
      },
    ];
  } catch (err) {
    const error =
      err instanceof KeytrailError
        ? toErrorInfo(err)
        : {
            code: 'internal' as const,
            message: `Unexpected error while reading: ${String(err)}`,
          };
    if (!(err instanceof KeytrailError))
      log.error('reader failed', { path: file.path, err: String(err) });
    return [{ file, sha256: sha256Hex(bytes), outcome: { ok: false, error } }];
  }
}
