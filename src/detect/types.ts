/**
 * The detection contract. Each detection is a module in `detections/` with an id, a
 * title, its MITRE ATT&CK technique and tactic, a severity, the SQL that finds it, and a
 * summary template that states the baseline and the departure with numbers.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

export type FindingKind = 'anomaly' | 'behavior' | 'hygiene' | 'sigma';

/** What every detection query knows about the run. */
export interface DetectionContext {
  /** Events before this instant are the baseline; from it on they are judged (ISO, UTC). */
  baselineEnd: string;
  /** The training window's length in days, as chosen for the run. */
  baselineDays: number;
  /** The run's id (findings.run_id). */
  runId: number;
}

/**
 * One row a detection's SQL returns. `identity_id`, `first_seen`, `last_seen` and
 * `event_uids` are required; other columns feed the summary and `details`.
 */
export type DetectionRow = Record<string, unknown> & {
  identity_id: string | null;
  first_seen: string | null;
  last_seen: string | null;
  event_uids: string[];
};

export interface Detection {
  /** Stable id, e.g. `first-seen-network`; findings.detection_id. */
  id: string;
  kind: FindingKind;
  title: string;
  severity: Severity;
  /** MITRE ATT&CK technique id, e.g. `T1078.004`. */
  technique: string | null;
  /** MITRE ATT&CK tactic name, e.g. `Initial Access`. */
  tactic: string | null;
  /** One sentence: what the detection looks for and why it matters. */
  description: string;
  /** A SELECT returning DetectionRow columns; only constants are embedded in it. */
  sql(ctx: DetectionContext): string;
  /** Runs before `sql` when a detection needs its own temp tables (optional). */
  prepare?(conn: DuckDBConnection, ctx: DetectionContext): Promise<void>;
  /** The finding's sentence, from one row: baseline and departure, with numbers. */
  summarize(row: DetectionRow): string;
  /** What was normal, for the page to show beside the departure (optional). */
  baseline?(row: DetectionRow): Record<string, unknown> | null;
  /** Severity for this row when it differs from the default (optional). */
  severityOf?(row: DetectionRow): Severity;
}
