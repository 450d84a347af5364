/**
 * A row of a CloudTrail Lake or Athena query result, rebuilt into a CloudTrail-shaped
 * record so the CloudTrail normalizer reads it like any other. Columns are matched to
 * the CloudTrail record fields case-insensitively (Athena lower-cases every name:
 * `useridentity`, `sourceipaddress`); nested columns come back as objects, whether the
 * cell holds JSON (Athena's `requestparameters` string) or Trino's `{key=value, ...}`
 * text (Athena's `useridentity` struct, Lake's maps), see struct-text.ts; Lake's
 * `2024-08-01 13:33:28.000` times become ISO 8601 UTC.
 *
 * The record is rebuilt, not original, so the row itself travels inside it, unchanged,
 * under `keytrailSourceRow` (a key no CloudTrail record has): `raw` is the rebuilt
 * record, and what the export held is still in it, cell by cell. Columns that are not
 * CloudTrail fields (Athena partitions, computed columns) live only there.
 */
import { toIsoTime } from './export-time.js';
import { parseStructText } from './struct-text.js';

export type QueryRow = Record<string, string | null>;

/** Where a rebuilt record keeps the row it was rebuilt from. */
export const SOURCE_ROW_KEY = 'keytrailSourceRow';

// CloudTrail record contents (eventVersion 1.0x), by the lower-case name of each field.
const FIELDS = canonical([
  'eventVersion',
  'userIdentity',
  'eventTime',
  'eventSource',
  'eventName',
  'awsRegion',
  'sourceIPAddress',
  'userAgent',
  'errorCode',
  'errorMessage',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'requestID',
  'eventID',
  'readOnly',
  'resources',
  'eventType',
  'apiVersion',
  'managementEvent',
  'recipientAccountId',
  'serviceEventDetails',
  'sharedEventID',
  'vpcEndpointId',
  'vpcEndpointAccountId',
  'eventCategory',
  'addendum',
  'sessionCredentialFromConsole',
  'edgeDeviceDetails',
  'tlsDetails',
  'insightDetails',
]);

const NESTED = new Set([
  'userIdentity',
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'resources',
  'serviceEventDetails',
  'addendum',
  'edgeDeviceDetails',
  'tlsDetails',
  'insightDetails',
]);
const BOOLEANS = new Set(['readOnly', 'managementEvent']);

// Names inside the structs Athena and Lake lower-case (userIdentity, resources,
// tlsDetails, addendum). A resource's `arn` is `ARN` (and `arnprefix` `ARNPrefix`) in
// CloudTrail records.
const STRUCT_KEYS = canonical([
  'type',
  'principalId',
  'arn',
  'accountId',
  'accessKeyId',
  'userName',
  'invokedBy',
  'identityProvider',
  'onBehalfOf',
  'userId',
  'identityStoreArn',
  'credentialId',
  'sessionContext',
  'attributes',
  'creationDate',
  'mfaAuthenticated',
  'sessionIssuer',
  'webIdFederationData',
  'federatedProvider',
  'sourceIdentity',
  'ec2RoleDelivery',
  'ec2IssuedInVPC',
  'assumedRoot',
  'tlsVersion',
  'cipherSuite',
  'clientProvidedHostHeader',
  'reason',
  'updatedFields',
  'originalRequestID',
  'originalEventID',
]);
const RENAMED_KEYS: Record<string, Record<string, string>> = {
  resources: { arn: 'ARN', arnprefix: 'ARNPrefix' },
};
const RENAMES_STRUCT_KEYS = new Set([
  'userIdentity',
  'resources',
  'tlsDetails',
  'addendum',
]);

/** True when the columns look like CloudTrail events (not an aggregate query). */
export function hasEventColumns(columns: readonly string[]): boolean {
  const lower = new Set(columns.map((c) => c.trim().toLowerCase()));
  return lower.has('eventname') && (lower.has('eventtime') || lower.has('eventid'));
}

export function rebuildQueryRow(row: QueryRow): string {
  const record: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(row)) {
    const field = FIELDS.get(column.trim().toLowerCase());
    if (!field || cell === null || cell === '') continue;
    const value = fieldValue(field, cell);
    if (value !== undefined) record[field] = value;
  }
  record[SOURCE_ROW_KEY] = row;
  return JSON.stringify(record);
}

function fieldValue(field: string, cell: string): unknown {
  if (field === 'eventTime') return toIsoTime(cell) ?? cell;
  if (BOOLEANS.has(field)) {
    const lower = cell.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : cell;
  }
  if (!NESTED.has(field)) return cell;

  const json = parseJson(cell);
  if (json !== undefined) return json;
  const struct = parseStructText(cell);
  if (struct === undefined) return undefined;
  return RENAMES_STRUCT_KEYS.has(field)
    ? renameKeys(struct, RENAMED_KEYS[field])
    : struct;
}

function parseJson(cell: string): unknown {
  const trimmed = cell.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/** Gives lower-cased struct keys back their CloudTrail spelling, at every depth. */
function renameKeys(value: unknown, renames: Record<string, string> = {}): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, renames));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    const name = renames[lower] ?? STRUCT_KEYS.get(lower) ?? key;
    out[name] = renameKeys(inner);
  }
  return out;
}

function canonical(names: string[]): Map<string, string> {
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}
