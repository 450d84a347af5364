import { randomUUID } from 'node:crypto';
import { toErrorInfo, type KeytrailErrorInfo } from '../errors.js';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus<P = unknown, R = unknown> {
  jobId: string;
  kind: string;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  progress: P | null;
  result: R | null;
  error: KeytrailErrorInfo | null;
}

interface Job extends JobStatus {
  controller: AbortController;
}

/**
 * Long work (ingest, later detection and collection) runs as a job: it reports progress
 * the page polls for, and can be cancelled, keeping what it had committed. Jobs live in
 * the engine process; finished ones are kept (the last 50) so their summary stays
 * readable.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start<P, R>(
    kind: string,
    run: (signal: AbortSignal, report: (progress: P) => void) => Promise<R>,
  ): JobStatus<P, R> {
    const job: Job = {
      jobId: randomUUID(),
      kind,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      result: null,
      error: null,
      controller: new AbortController(),
    };
    this.jobs.set(job.jobId, job);
    this.prune();
    const finish = (state: JobState): void => {
      job.state = job.controller.signal.aborted && state === 'done' ? 'cancelled' : state;
      job.finishedAt = new Date().toISOString();
    };
    run(job.controller.signal, (p) => (job.progress = p))
      .then((result) => {
        job.result = result;
        finish('done');
      })
      .catch((err: unknown) => {
        job.error = toErrorInfo(err);
        finish('failed');
      });
    return this.status(job.jobId) as JobStatus<P, R>;
  }

  status(jobId: string): JobStatus | null {
    const job = this.jobs.get(jobId);
    if (!job) return null;
    const { controller: _controller, ...status } = job;
    return structuredClone(status);
  }

  list(): JobStatus[] {
    return [...this.jobs.keys()].map((id) => this.status(id)).filter((s) => s !== null);
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Resolves when the job has finished (tests and the CLI wait on it). */
  async wait(jobId: string, pollMs = 20): Promise<JobStatus | null> {
    for (;;) {
      const status = this.status(jobId);
      if (!status || status.state !== 'running') return status;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - 50))) {
      this.jobs.delete(job.jobId);
    }
  }
}
