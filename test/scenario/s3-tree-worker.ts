/**
 * The S3 tree writer's second thread: gzips delivery bodies and writes them, so that the
 * main thread can keep generating. Receives batches of files, answers each with what it
 * wrote. Synchronous zlib and fs calls are the fast path for many small files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

/** Marks the thread started by S3TreeWriter (tests may themselves run in workers). */
export const WORKER_ROLE = 'keytrail-s3-tree-writer';

export interface FileJob {
  file: string;
  body: string;
}

export interface BatchRequest {
  level: number;
  jobs: FileJob[];
}

export type BatchReply =
  | { ok: true; compressedBytes: number; filesUnder1KB: number }
  | { ok: false; message: string };

/** Writes one batch; shared by the worker and the in-thread fallback. */
export function writeBatch(request: BatchRequest, madeDirs: Set<string>): BatchReply {
  let compressedBytes = 0;
  let filesUnder1KB = 0;
  for (const { file, body } of request.jobs) {
    const dir = path.dirname(file);
    if (!madeDirs.has(dir)) {
      // Windows only move forward, so old folders are never needed again.
      if (madeDirs.size > 4096) madeDirs.clear();
      fs.mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const compressed = zlib.gzipSync(body, { level: request.level });
    fs.writeFileSync(file, compressed);
    compressedBytes += compressed.length;
    if (compressed.length < 1024) filesUnder1KB++;
  }
  return { ok: true, compressedBytes, filesUnder1KB };
}

const port = parentPort;
const role: unknown = (workerData as { role?: unknown } | null)?.role;
if (port && role === WORKER_ROLE) {
  const madeDirs = new Set<string>();
  port.on('message', (request: BatchRequest) => {
    let reply: BatchReply;
    try {
      reply = writeBatch(request, madeDirs);
    } catch (error) {
      reply = {
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(reply);
  });
}
