import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KeytrailErrorInfo } from '../errors.js';
import { prepareIpData } from '../enrich/index.js';
import { createLogger } from '../log/logger.js';
import type { CaseStore } from '../store/case-store.js';
import { quoteLiteral } from '../store/sql.js';
import { DEFAULT_LIMITS, type DecodeLimits } from './decode.js';
import { refreshIdentities } from './identities.js';
import type { EventSource, ExtractedInventory } from './formats/types.js';
import { loadInventory } from './inventory/index.js';
import { insertNewEvents } from './insert-events.js';
import { invalidRecordCountsSql, normalizedRowsSql } from './normalize/index.js';
import { readFiles } from './read-files.js';
import { resolveCredentials } from './resolve/index.js';
import { StagingBatch } from './staging.js';
import { listInputFiles } from './walk.js';

const log = createLogger('ingest');

export interface IngestProgress {
  filesDone: number;
  filesTotal: number;
  events: number;
  bytesDone: number;
  bytesTotal: number;
  eventsPerSecond: number;
  secondsLeft: number | null;
}

export interface FailedFile {
  path: string;
  code: string;
  message: string;
}

export interface IngestSummary {
  /** Files considered, including duplicates and failures. */
  files: number;
  /** New events added to the case. */
  events: number;
  /** Events already in the case (or twice in the input), not added again. */
  duplicates: number;
  /** Files whose exact content was already ingested. */
  duplicate_files: number;
  /** Records that were not valid events (counted per file in evidence_files). */
  skipped: number;
  failed: FailedFile[];
  seconds: number;
  cancelled: boolean;
}

export interface IngestOptions {
  signal?: AbortSignal;
  onProgress?: (progress: IngestProgress) => void;
  limits?: DecodeLimits;
  /** Staged record bytes per DuckDB batch (one transaction). */
  batchBytes?: number;
}

interface BatchFile {
  fileId: number;
  path: string;
  sha256: string;
  bytes: number;
  format: string | null;
  skipped: number;
  error: KeytrailErrorInfo | null;
}

interface Batch {
  staging: StagingBatch;
  files: BatchFile[];
  inventories: { fileId: number; document: ExtractedInventory }[];
}

const DEFAULT_BATCH_BYTES = 96 * 1024 * 1024;

/**
 * Reads evidence files into the case. Each batch of files is one transaction: a file is
 * in the case with all its events, or not at all, so a crash loses at most the batch in
 * flight and the next run picks it up again. Files already read (same SHA-256) are
 * skipped; events already present (same event_uid) are counted as duplicates.
 */
export async function ingestPaths(
  store: CaseStore,
  paths: readonly string[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const started = performance.now();
  removeStaleStaging(store);
  const files = await listInputFiles(paths, store.dir);
  const known = await loadKnownFiles(store);
  if (files.length > 0) await prepareIpData(store);
  let nextFileId = known.maxFileId + 1;
  const seenThisRun = new Set<string>();
  const summary: IngestSummary = {
    files: files.length,
    events: 0,
    duplicates: 0,
    duplicate_files: 0,
    skipped: 0,
    failed: [],
    seconds: 0,
    cancelled: false,
  };
  const progress: IngestProgress = {
    filesDone: 0,
    filesTotal: files.length,
    events: 0,
    bytesDone: 0,
    bytesTotal: files.reduce((n, f) => n + f.bytes, 0),
    eventsPerSecond: 0,
    secondsLeft: null,
  };

  let batch = newBatch(store);
  let inFlight: Promise<void> = Promise.resolve();
  const submit = (done: Batch): void => {
    const previous = inFlight;
    inFlight = previous.then(() => commitBatch(store, done, summary));
  };

  try {
    for await (const read of readFiles(files, options.limits ?? DEFAULT_LIMITS)) {
      if (options.signal?.aborted) {
        summary.cancelled = true;
        break;
      }
      progress.filesDone++;
      progress.bytesDone += read.file.bytes;

      if (
        read.sha256 &&
        (known.okHashes.has(read.sha256) || seenThisRun.has(read.sha256))
      ) {
        summary.duplicate_files++;
      } else {
        if (read.sha256) seenThisRun.add(read.sha256);
        const entry: BatchFile = {
          fileId: nextFileId++,
          path: read.file.path,
          sha256: read.sha256,
          bytes: read.file.bytes,
          format: null,
          skipped: 0,
          error: null,
        };
        const outcome = read.outcome;
        if (!outcome.ok) {
          entry.error = outcome.error;
        } else if (outcome.value.kind === 'inventory') {
          entry.format = outcome.value.format;
          batch.inventories.push({ fileId: entry.fileId, document: outcome.value });
        } else {
          const { format, records, source } = outcome.value;
          entry.format = format;
          records.forEach((record, index) => {
            if (!batch.staging.add(entry.fileId, index, source, record)) entry.skipped++;
          });
          progress.events += records.length;
        }
        batch.files.push(entry);
      }

      if (batch.staging.bytes >= (options.batchBytes ?? DEFAULT_BATCH_BYTES)) {
        // At most one batch commits while the next one is read: DuckDB's threads and
        // this one overlap, and memory holds two batches at most.
        await inFlight;
        submit(batch);
        batch = newBatch(store);
      }
      reportProgress(progress, started, options.onProgress);
    }
    submit(batch);
    await inFlight;
  } finally {
    batch.staging.finish();
    batch.staging.remove();
  }

  await resolveCredentials(store);
  await refreshIdentities(store);
  summary.seconds = (performance.now() - started) / 1000;
  await journal(store, paths, summary);
  return summary;
}

/**
 * Staging files left by a run that was killed: their batch never committed (the files
 * are not in evidence_files), so this run reads those evidence files again.
 */
function removeStaleStaging(store: CaseStore): void {
  for (const name of fs.readdirSync(store.tmpDir)) {
    if (name.startsWith('stage-')) fs.rmSync(`${store.tmpDir}/${name}`, { force: true });
  }
}

function newBatch(store: CaseStore): Batch {
  const name = `stage-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`;
  return { staging: new StagingBatch(store.tmpDir, name), files: [], inventories: [] };
}

function reportProgress(
  progress: IngestProgress,
  started: number,
  onProgress?: (p: IngestProgress) => void,
): void {
  if (!onProgress) return;
  const seconds = (performance.now() - started) / 1000;
  progress.eventsPerSecond = seconds > 0 ? progress.events / seconds : 0;
  const bytesPerSecond = seconds > 0 ? progress.bytesDone / seconds : 0;
  progress.secondsLeft =
    bytesPerSecond > 0
      ? (progress.bytesTotal - progress.bytesDone) / bytesPerSecond
      : null;
  onProgress({ ...progress });
}

async function loadKnownFiles(
  store: CaseStore,
): Promise<{ okHashes: Set<string>; maxFileId: number }> {
  return store.withConnection(async (conn) => {
    const hashes = await conn.runAndReadAll(
      `SELECT sha256 FROM evidence_files WHERE status = 'ok'`,
    );
    const max = await conn.runAndReadAll(
      'SELECT coalesce(max(file_id), 0) FROM evidence_files',
    );
    return {
      okHashes: new Set(hashes.getRows().map((r) => String(r[0]))),
      maxFileId: Number(max.getRows()[0]?.[0] ?? 0),
    };
  });
}

type WriteMode = 'fast' | 'careful' | 'record-failure';

/**
 * Commits one batch. The fast path assumes well-formed records; when DuckDB rejects the
 * batch, each file is retried on its own in careful mode (malformed records filtered
 * and counted), and a file DuckDB still rejects is recorded as failed with the reason.
 */
async function commitBatch(
  store: CaseStore,
  batch: Batch,
  summary: IngestSummary,
  firstMode: WriteMode = 'fast',
): Promise<void> {
  batch.staging.finish();
  try {
    if (batch.files.length === 0) return;
    let failure: unknown = null;
    const attempt = async (mode: WriteMode): Promise<boolean> => {
      try {
        await store.withWriter((conn) => writeBatch(conn, batch, summary, mode));
        return true;
      } catch (err) {
        failure = err;
        return false;
      }
    };

    if (firstMode === 'fast' && (await attempt('fast'))) return;
    if (batch.files.length > 1) {
      await retryFileByFile(store, batch, summary);
      return;
    }
    if (await attempt('careful')) return;

    const only = batch.files[0];
    if (!only) return;
    log.warn('file rejected by the database', { path: only.path, err: String(failure) });
    only.error = {
      code: 'invalid_json',
      message: `The records could not be normalized: ${firstLine(failure)}`,
    };
    await store.withWriter((conn) => writeBatch(conn, batch, summary, 'record-failure'));
  } finally {
    batch.staging.remove();
  }
}

async function retryFileByFile(
  store: CaseStore,
  batch: Batch,
  summary: IngestSummary,
): Promise<void> {
  // Re-stage each file's lines on their own: the staging file is line-oriented.
  const lines = fs.readFileSync(batch.staging.path);
  const byFile = new Map<number, { line: Buffer; source: EventSource }[]>();
  let start = 0;
  while (start < lines.length) {
    let end = lines.indexOf(0x0a, start);
    if (end < 0) end = lines.length;
    const line = lines.subarray(start, end + 1);
    const [fileId, , source] = line.subarray(0, 64).toString('latin1').split('\x01');
    const list = byFile.get(Number(fileId)) ?? [];
    list.push({ line, source: source as EventSource });
    byFile.set(Number(fileId), list);
    start = end + 1;
  }
  for (const file of batch.files) {
    const single: Batch = {
      ...newBatch(store),
      files: [file],
      inventories: batch.inventories.filter((i) => i.fileId === file.fileId),
    };
    for (const { line, source } of byFile.get(file.fileId) ?? []) {
      single.staging.appendRaw(line, source);
    }
    await commitBatch(store, single, summary, 'careful');
  }
}

async function writeBatch(
  conn: DuckDBConnection,
  batch: Batch,
  summary: IngestSummary,
  mode: WriteMode,
): Promise<void> {
  const skipEvents = mode === 'record-failure';
  const metaPath = `${batch.staging.path}.files.json`;
  fs.writeFileSync(
    metaPath,
    batch.files.map((f) => JSON.stringify(fileRow(f))).join('\n'),
  );
  const ids = batch.files.map((f) => f.fileId);
  const lo = Math.min(...ids);
  const hi = Math.max(...ids);

  await conn.run('BEGIN TRANSACTION');
  try {
    await conn.run(
      `DELETE FROM evidence_files WHERE status <> 'ok' AND sha256 IN (
         SELECT sha256 FROM read_json(${quoteLiteral(metaPath)}, format = 'newline_delimited',
           columns = {'sha256': 'VARCHAR'}))`,
    );
    await conn.run(`INSERT INTO evidence_files BY NAME
      SELECT *, now() AS ingested_at FROM read_json(${quoteLiteral(metaPath)},
        format = 'newline_delimited', columns = {
          'file_id': 'INTEGER', 'path': 'VARCHAR', 'sha256': 'VARCHAR', 'bytes': 'BIGINT',
          'format': 'VARCHAR', 'events_skipped': 'BIGINT', 'status': 'VARCHAR',
          'error_code': 'VARCHAR', 'error_message': 'VARCHAR'})`);

    if (!skipEvents) {
      for (const { fileId, document } of batch.inventories) {
        await loadInventory(conn, fileId, document);
      }
    }
    if (!skipEvents && batch.staging.records > 0) {
      const careful = mode === 'careful';
      const rowsSql = normalizedRowsSql(
        batch.staging.path,
        batch.staging.sources,
        careful,
      );
      await conn.run(`CREATE OR REPLACE TEMP TABLE stage AS ${rowsSql}`);
      if (careful) await countMalformed(conn, batch.staging.path);
      await insertNewEvents(conn);
      await conn.run(
        `UPDATE evidence_files f SET
           events_read = x.valid_n,
           events_skipped = f.events_skipped + x.invalid_n,
           events_duplicate = x.valid_n - coalesce(n.added, 0),
           first_event = x.first_event,
           last_event = x.last_event
         FROM (SELECT file_id, count(*) FILTER (valid) AS valid_n,
                 count(*) FILTER (NOT valid) AS invalid_n,
                 min(time) FILTER (valid) AS first_event, max(time) FILTER (valid) AS last_event
               FROM stage GROUP BY file_id) x
         LEFT JOIN (SELECT file_id, count(*) AS added FROM events
                    WHERE file_id BETWEEN $1 AND $2 GROUP BY file_id) n USING (file_id)
         WHERE f.file_id = x.file_id`,
        [lo, hi],
      );
      await conn.run('DROP TABLE stage');
    }

    const totals = await conn.runAndReadAll(
      `SELECT coalesce(sum(events_read - events_duplicate), 0), coalesce(sum(events_duplicate), 0),
              coalesce(sum(events_skipped), 0)
       FROM evidence_files WHERE file_id BETWEEN $1 AND $2`,
      [lo, hi],
    );
    await conn.run('COMMIT');
    const [added, duplicates, skipped] = totals.getRows()[0] ?? [0, 0, 0];
    log.info('batch committed', { files: batch.files.length, events: Number(added) });
    summary.events += Number(added);
    summary.duplicates += Number(duplicates);
    summary.skipped += Number(skipped);
    for (const f of batch.files) {
      if (f.error) summary.failed.push({ path: f.path, ...f.error });
    }
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  } finally {
    fs.rmSync(metaPath, { force: true });
  }
}

/** Adds the malformed records of each file (careful mode) to its skipped count. */
async function countMalformed(
  conn: DuckDBConnection,
  stagingPath: string,
): Promise<void> {
  await conn.run(`UPDATE evidence_files f SET events_skipped = f.events_skipped + m.invalid
    FROM (${invalidRecordCountsSql(stagingPath)}) m WHERE f.file_id = m.file_id`);
}

function fileRow(f: BatchFile): Record<string, unknown> {
  return {
    file_id: f.fileId,
    path: f.path,
    sha256: f.sha256,
    bytes: f.bytes,
    format: f.format,
    events_skipped: f.skipped,
    status: f.error ? 'failed' : 'ok',
    error_code: f.error?.code ?? null,
    error_message: f.error?.message ?? null,
  };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]?.slice(0, 300) ?? 'unknown error';
}

async function journal(
  store: CaseStore,
  paths: readonly string[],
  summary: IngestSummary,
): Promise<void> {
  await store.withWriter(async (conn) => {
    await conn.run(
      `INSERT INTO journal SELECT coalesce(max(entry_id), 0) + 1, now(), 'ingest', $1::JSON FROM journal`,
      [JSON.stringify({ paths, ...summary, failed: summary.failed.length })],
    );
  });
}
