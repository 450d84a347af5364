/**
 * The one contract between the page and the engine. Each operation has an input schema
 * (checked at every door: IPC, HTTP) and a result type. This file imports nothing from
 * Node, so the page may import its types.
 */
import { z } from 'zod';

export const operationInputs = {
  caseInfo: z.object({}).strict(),
  overview: z.object({}).strict(),
  query: z
    .object({
      sql: z.string().min(1).max(100_000),
      limit: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  jobs: z.object({}).strict(),
  job: z.object({ jobId: z.string().uuid() }).strict(),
  cancelJob: z.object({ jobId: z.string().uuid() }).strict(),
} as const;

export type OperationName = keyof typeof operationInputs;
export type OperationInput<K extends OperationName> = z.infer<
  (typeof operationInputs)[K]
>;

export interface CaseInfo {
  caseDir: string;
  schemaVersion: number;
  keytrailVersion: string;
}

export interface Overview {
  caseDir: string;
  totals: {
    events: number;
    files: number;
    failedFiles: number;
    skippedEvents: number;
    identities: number;
  };
  /** ISO-8601 UTC; null on an empty case. */
  timeRange: { first: string | null; last: string | null };
  eventsBySource: { source: string; events: number }[];
  /** One entry per UTC day that has events, oldest first. */
  eventsByDay: { day: string; events: number }[];
  failedFiles: { fileId: number; path: string; code: string; message: string }[];
  busiestIdentities: {
    identityId: string;
    kind: string | null;
    events: number;
    failures: number;
    actions: number;
    lastSeen: string | null;
  }[];
}

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface QueryResult {
  columns: { name: string; type: string }[];
  rows: JsonValue[][];
  truncated: boolean;
}

/** Long work (ingest, detection, collection) the page can watch and cancel. */
export interface JobInfo {
  jobId: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  /** For ingest: filesDone, filesTotal, events, bytesDone, bytesTotal, eventsPerSecond, secondsLeft. */
  progress: { [key: string]: number | null } | null;
  result: JsonValue | null;
  error: ErrorInfo | null;
}

export interface OperationOutputs {
  caseInfo: CaseInfo;
  overview: Overview;
  query: QueryResult;
  jobs: JobInfo[];
  job: JobInfo;
  cancelJob: { cancelled: boolean };
}

export type OperationOutput<K extends OperationName> = OperationOutputs[K];

export interface ErrorInfo {
  code: string;
  message: string;
}

/** How every answer crosses the page/engine boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** The engine as the page sees it. */
export type KeytrailApi = {
  [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>>;
};

export const OPERATION_NAMES = Object.keys(operationInputs) as OperationName[];
