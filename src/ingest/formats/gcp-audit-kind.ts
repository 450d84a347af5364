/**
 * Google Cloud Audit Logs: Cloud Logging `LogEntry` objects whose payload is a
 * `protoPayload` (an `AuditLog`), as `gcloud logging read --format=json`, the console's
 * download and Cloud Storage sinks write them (one entry, an array, or JSON Lines).
 * Also read: BigQuery sink rows, where the payload column is `protopayload_auditlog`,
 * and SIEM copies that lower-case the key (`protopayload`). Whether the payload really
 * is an AuditLog is the normalizer's call (normalize/gcp-audit.ts).
 */
import type { RecordKind } from './record-kinds.js';

export const gcpAuditKind: RecordKind = {
  source: 'gcp_audit',
  matches: (keys) =>
    keys.has('protoPayload') ||
    keys.has('protopayload_auditlog') ||
    (keys.has('protopayload') && (keys.has('logName') || keys.has('logname'))),
};
