/**
 * A minimal CloudTrail-shaped record from the summary fields Event history shows (the
 * console's CSV download, or a `lookup-events` answer without its `CloudTrailEvent`):
 * event ID, time, name, source, user name, access key, region, source IP, error code,
 * read-only, and the referenced resources. Used only when the full record is missing.
 *
 * The user name is all that is known of the caller (for a role session it is the
 * session name), so the actor becomes `aws:user-name:<name>` and the account stays
 * unknown. A resource name that is an ARN goes into `resources[].ARN`; any other name is
 * kept as `resourceName`. The row it was built from goes into the record unchanged,
 * under `keytrailSourceRow` (see cloudtrail-query-row.ts).
 */
import { SOURCE_ROW_KEY } from './cloudtrail-query-row.js';

export interface EventSummary {
  eventId?: string;
  /** ISO 8601 UTC, or the text as found when it could not be read. */
  eventTime?: string;
  eventName?: string;
  eventSource?: string;
  userName?: string;
  accessKeyId?: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  errorCode?: string;
  readOnly?: boolean;
  resources: { type?: string; name?: string }[];
}

export function minimalRecord(summary: EventSummary, sourceRow: unknown): string {
  const record: Record<string, unknown> = {
    eventID: summary.eventId,
    eventTime: summary.eventTime,
    eventSource: summary.eventSource,
    eventName: summary.eventName,
    awsRegion: summary.awsRegion,
    sourceIPAddress: summary.sourceIPAddress,
    errorCode: summary.errorCode,
    readOnly: summary.readOnly,
  };
  if (summary.userName || summary.accessKeyId) {
    record.userIdentity = {
      userName: summary.userName,
      accessKeyId: summary.accessKeyId,
    };
  }
  if (summary.resources.length > 0) {
    record.resources = summary.resources.map(({ type, name }) =>
      name?.startsWith('arn:') ? { ARN: name, type } : { type, resourceName: name },
    );
  }
  record[SOURCE_ROW_KEY] = sourceRow;
  // JSON.stringify leaves out the fields that are undefined.
  return JSON.stringify(record);
}

/** `true`/`false` in any case; anything else is unknown. */
export function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
