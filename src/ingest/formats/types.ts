/**
 * What a reader makes of one evidence file. Event logs become records (each the exact
 * text of one event, normalized later in SQL by `normalize/`); inventories (IAM
 * exports, credential reports) become documents that an inventory loader reads whole.
 */

/** Audit-log sources, each with a normalizer in `normalize/` (the `events.source` value). */
export const EVENT_SOURCES = [
  'cloudtrail',
  'entra_signin',
  'entra_audit',
  'azure_activity',
  'gcp_audit',
] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Inventory sources, each with a loader in `inventory/`. */
export const INVENTORY_SOURCES = [
  'aws_iam_authorization',
  'aws_credential_report',
] as const;
export type InventorySource = (typeof INVENTORY_SOURCES)[number];

export interface ExtractedEvents {
  kind: 'events';
  /** What the file was recognised as, e.g. `cloudtrail-records`, kept in evidence_files. */
  format: string;
  source: EventSource;
  /** Each record's exact text (a view into the decoded file, or text the reader made). */
  records: Buffer[];
}

export interface ExtractedInventory {
  kind: 'inventory';
  format: string;
  source: InventorySource;
  /** The decoded document, whole. */
  document: Buffer;
}

export type Extracted = ExtractedEvents | ExtractedInventory;
