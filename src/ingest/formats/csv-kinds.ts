/**
 * CSV exports Keytrail reads, told apart by their header row. Each kind says how a row
 * becomes one record's text: by default the row as a JSON object keyed by header (so
 * the normalizer reads CSV and JSON exports of the same log alike); a kind whose export
 * carries the original JSON event in a column returns that text instead.
 */
import { credentialReportCsv } from './aws-credential-report-csv.js';
import { AZURE_CSV_KINDS } from './azure-csv.js';
import { cloudTrailEventHistoryCsv, cloudTrailQueryCsv } from './cloudtrail-csv-kinds.js';
import type { EventSource, InventorySource } from './types.js';

export type CsvRow = Record<string, string>;

export interface CsvKind {
  /** Kept in evidence_files.format, e.g. `cloudtrail-event-history-csv`. */
  format: string;
  source: EventSource;
  matches(headers: ReadonlySet<string>): boolean;
  /** Columns without which the export cannot be read (reported when missing). */
  required?: readonly string[];
  /** The record text for one row; null skips the row (counted). */
  record?(row: CsvRow): string | null;
}

export const CSV_KINDS: CsvKind[] = [
  ...AZURE_CSV_KINDS,
  cloudTrailEventHistoryCsv,
  cloudTrailQueryCsv,
];

/** A CSV inventory (the IAM credential report): its loader reads the file whole. */
export interface CsvInventoryKind {
  format: string;
  source: InventorySource;
  matches(headers: ReadonlySet<string>): boolean;
  required?: readonly string[];
}

export const CSV_INVENTORY_KINDS: CsvInventoryKind[] = [credentialReportCsv];
