import {
  ingestPaths,
  type IngestProgress,
  type IngestSummary,
} from '../ingest/ingest.js';
import type { CaseStore } from '../store/case-store.js';
import type { JobRegistry, JobStatus } from './jobs.js';

/** Starts an ingest of `paths` as a cancellable job whose progress the page can poll. */
export function startIngestJob(
  store: CaseStore,
  jobs: JobRegistry,
  paths: readonly string[],
): JobStatus<IngestProgress, IngestSummary> {
  return jobs.start<IngestProgress, IngestSummary>('ingest', (signal, report) =>
    ingestPaths(store, paths, { signal, onProgress: report }),
  );
}
