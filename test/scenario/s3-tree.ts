/**
 * Writes CloudTrail records the way CloudTrail delivers them to S3:
 *
 *   <out>/AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/
 *     <account>_CloudTrail_<region>_<yyyymmdd>T<hhmm>Z_<16 alphanumerics>.json.gz
 *
 * one gzip file per account, region and delivery window, holding `{"Records":[...]}`
 * minified. The stamp is the delivery time (the window's end), and the folder date is
 * the stamp's date, so events from just before midnight land in the next day's folder,
 * as they do in real trails.
 *
 * Compression and file writes can run on worker threads (s3-tree-worker.ts) while the
 * caller generates the next window. At most `maxPendingBatches` batches of about
 * `batchBytes` are queued per worker, so memory does not grow with the number of events.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { fileStamp } from './clock.js';
import type { CloudTrailRecord } from './cloudtrail-record.js';
import type { Rng } from './random.js';
import { deliveryJson } from './record-json.js';
import {
  WORKER_ROLE,
  writeBatch,
  type BatchReply,
  type BatchRequest,
  type FileJob,
} from './s3-tree-worker.js';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface TreeStats {
  files: number;
  events: number;
  uncompressedBytes: number;
  compressedBytes: number;
  /** Files under 1 KB after gzip (44 % of one public sample of real trail files). */
  filesUnder1KB: number;
}

export interface S3TreeOptions {
  outDir: string;
  /** Draws the random file-name suffixes. */
  rng: Rng;
  gzipLevel?: number;
  /**
   * Worker threads that compress and write (for large trees). With none, the default,
   * the calling thread does it.
   */
  workers?: number;
  batchBytes?: number;
  /** Batches queued per worker before `write` waits. */
  maxPendingBatches?: number;
}

/** The path of one delivery file, relative to the output folder. */
export function deliveryPath(
  account: string,
  region: string,
  stampMs: number,
  suffix: string,
): string {
  const stamp = fileStamp(stampMs);
  const day = `${stamp.slice(0, 4)}/${stamp.slice(4, 6)}/${stamp.slice(6, 8)}`;
  const name = `${account}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
  return `AWSLogs/${account}/CloudTrail/${region}/${day}/${name}`;
}

/**
 * Starts s3-tree-worker. When running from TypeScript sources (tsx, vitest) the worker
 * loads its module through tsx's API, because Node 20 does not apply `--import` loaders
 * to a worker's entry module.
 */
function startWorker(): Worker {
  const self = import.meta.url;
  const workerData = { role: WORKER_ROLE };
  if (!self.endsWith('.ts'))
    return new Worker(new URL('./s3-tree-worker.js', self), { workerData });
  const script = new URL('./s3-tree-worker.ts', self).href;
  const tsxPackage = createRequire(self).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(
    path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`;
  return new Worker(boot, { eval: true, workerData });
}

export class S3TreeWriter {
  private readonly level: number;
  private readonly batchLimit: number;
  private readonly perWorker: number;
  private readonly workers: Worker[] = [];
  /** Batches sent to each worker and not yet answered. */
  private readonly pending: number[] = [];
  private readonly madeDirs = new Set<string>();
  private batch: FileJob[] = [];
  private batchSize = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;
  private readonly stats: TreeStats = {
    files: 0,
    events: 0,
    uncompressedBytes: 0,
    compressedBytes: 0,
    filesUnder1KB: 0,
  };

  constructor(private readonly options: S3TreeOptions) {
    this.level = options.gzipLevel ?? zlib.constants.Z_DEFAULT_COMPRESSION;
    this.batchLimit = options.batchBytes ?? 2_000_000;
    this.perWorker = options.maxPendingBatches ?? 2;
    for (let i = 0; i < (options.workers ?? 0); i++) {
      const worker = startWorker();
      worker.on('message', (reply: BatchReply) => this.settle(i, reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.pending[i]! > 0)
          this.fail(new Error(`S3 tree worker exited with code ${code}`));
      });
      this.workers.push(worker);
      this.pending.push(0);
    }
  }

  /** Queues one delivery file. */
  async write(
    account: string,
    region: string,
    deliveredAt: number,
    records: readonly CloudTrailRecord[],
  ): Promise<void> {
    if (this.failure) throw this.failure;
    const suffix = this.options.rng.chars(SUFFIX_ALPHABET, 16);
    const file = path.join(
      this.options.outDir,
      deliveryPath(account, region, deliveredAt, suffix),
    );
    const body = deliveryJson(records);
    const bytes = Buffer.byteLength(body);
    this.stats.files++;
    this.stats.events += records.length;
    this.stats.uncompressedBytes += bytes;
    this.batch.push({ file, body });
    this.batchSize += bytes;
    if (this.batchSize >= this.batchLimit) await this.flush();
  }

  /** Waits for every queued file and returns what was written. */
  async close(): Promise<TreeStats> {
    try {
      await this.flush();
      while (this.inFlight() > 0 && !this.failure) await this.nextReply();
      if (this.failure) throw this.failure;
      return { ...this.stats };
    } finally {
      await this.abort();
    }
  }

  /** Stops the workers without waiting for queued files (after a failure elsewhere). */
  async abort(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private inFlight(): number {
    return this.pending.reduce((sum, n) => sum + n, 0);
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const request: BatchRequest = { level: this.level, jobs: this.batch };
    this.batch = [];
    this.batchSize = 0;
    if (this.workers.length === 0) {
      this.apply(writeBatch(request, this.madeDirs));
      if (this.failure) throw this.failure;
      return;
    }
    for (;;) {
      if (this.failure) throw this.failure;
      const least = this.pending.indexOf(Math.min(...this.pending));
      if (this.pending[least]! < this.perWorker) {
        this.pending[least]!++;
        this.workers[least]!.postMessage(request);
        return;
      }
      await this.nextReply();
    }
  }

  private nextReply(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(worker: number, reply: BatchReply): void {
    this.pending[worker] = Math.max(0, this.pending[worker]! - 1);
    this.apply(reply);
    this.waiters.shift()?.();
  }

  private apply(reply: BatchReply): void {
    if (reply.ok) {
      this.stats.compressedBytes += reply.compressedBytes;
      this.stats.filesUnder1KB += reply.filesUnder1KB;
    } else {
      this.failure ??= new Error(`writing the S3 tree failed: ${reply.message}`);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
