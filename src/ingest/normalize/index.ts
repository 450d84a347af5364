/**
 * From staged records to `events` rows. Each event source has a normalizer: a function
 * from a relation (a table name or a parenthesised subquery) with (file_id,
 * record_index, raw) to a SELECT of exactly
 * EVENT_COLUMNS plus `valid` (false for records that are not valid events of that
 * source: they are counted as skipped, never silently dropped).
 */
import { quoteLiteral } from '../../store/sql.js';
import type { EventSource } from '../formats/types.js';
import { azureRows } from './azure-route.js';
import { cloudTrailRows } from './cloudtrail.js';
import { gcpAuditRows } from './gcp-audit.js';

export type Normalizer = (relation: string) => string;

export const NORMALIZERS: Record<EventSource, Normalizer | undefined> = {
  cloudtrail: cloudTrailRows,
  entra_signin: azureRows,
  entra_audit: azureRows,
  azure_activity: azureRows,
  gcp_audit: gcpAuditRows,
};

/** The columns every normalizer produces, in the order of the `events` table. */
export const EVENT_COLUMNS = [
  'event_uid',
  'time',
  'cloud',
  'source',
  'account',
  'region',
  'service',
  'action',
  'event_type',
  'outcome',
  'error_code',
  'error_message',
  'actor_id',
  'actor_arn',
  'actor_principal_type',
  'actor_type',
  'credential_id',
  'session_id',
  'session_name',
  'src_ip',
  'src_service',
  'src_asn',
  'src_as_name',
  'src_country',
  'user_agent',
  'read_only',
  'resources',
  'shared_event_id',
  'file_id',
  'record_index',
  'raw',
] as const;

/**
 * One SELECT over a staging file (see staging.ts) for the sources it holds: each
 * source's lines go through that source's normalizer.
 *
 * Normalizers parse with `from_json`, which fails the whole statement on malformed
 * JSON. That is the fast path: malformed records are rare, and checking every record
 * first with `json_valid` would parse everything twice. A batch that fails is retried
 * file by file with `careful` set: malformed records are then filtered out before the
 * normalizer and counted as skipped (see `invalidRecordCountsSql`).
 */
export function normalizedRowsSql(
  stagingPath: string,
  sources: ReadonlySet<EventSource>,
  careful = false,
): string {
  const filter = careful ? 'AND json_valid(raw)' : '';
  const branches = [...sources].map((source) => {
    const normalize = NORMALIZERS[source];
    if (!normalize) throw new Error(`No normalizer for ${source}`);
    const relation = `(SELECT * FROM staged WHERE source = ${quoteLiteral(source)} ${filter})`;
    return `SELECT * FROM (${normalize(relation)})`;
  });
  return `WITH staged AS (${stagedRecordsSql(stagingPath)})
    ${branches.join('\nUNION ALL BY NAME\n')}`;
}

/** Per file, the staged records that are not well-formed JSON (careful mode only). */
export function invalidRecordCountsSql(stagingPath: string): string {
  return `SELECT file_id, count(*) AS invalid FROM (${stagedRecordsSql(stagingPath)})
    WHERE NOT json_valid(raw) GROUP BY file_id`;
}

/**
 * The lines of one staging file: file_id, record_index, source, and raw, the record's
 * exact text with its line breaks put back.
 */
function stagedRecordsSql(stagingPath: string): string {
  return `
    SELECT file_id, record_index, source,
      CASE WHEN contains(line, chr(2)) OR contains(line, chr(3))
        THEN replace(replace(line, chr(2), chr(10)), chr(3), chr(13))
        ELSE line END AS raw
    FROM read_csv(${quoteLiteral(stagingPath)},
      columns = {'file_id': 'INTEGER', 'record_index': 'INTEGER', 'source': 'VARCHAR',
                 'line': 'VARCHAR'},
      delim = E'\\x01', quote = '', escape = '', header = false, auto_detect = false,
      max_line_size = 268435456, strict_mode = false, null_padding = false)`;
}
