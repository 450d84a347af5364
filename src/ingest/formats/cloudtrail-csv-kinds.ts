/**
 * CloudTrail CSV exports, told apart by their header (names matched case-insensitively,
 * in any order, since spreadsheets and queries reorder and rename freely):
 *
 * - The console's Event history download (`cloudtrail-event-history-csv`): columns
 *   named as the console shows them, `Event ID`, `Event time`, `User name`, `Event
 *   name`, `Resource type`, `Resource name`, `AWS access key`, `AWS region`, `Error
 *   code`, `Source IP address`, `Event source`, `Read-only`, and `CloudTrail event`
 *   holding the full record as JSON. AWS does not publish the file's exact column list
 *   or order, so the file is known by `Event name` and `Event time` with `Event ID`,
 *   `Event source` or `User name`. With `CloudTrail event` the record is that cell's
 *   text exactly; without it (or when a spreadsheet cut it short, at 32,767 characters
 *   in Excel) a minimal record is rebuilt from the other columns (cloudtrail-minimal.ts),
 *   times read as export-time.ts describes. Re-saved copies (BOM, CRLF, `;`, quoted
 *   multi-line cells) are csv.ts's concern.
 * - Lake and Athena query results (`cloudtrail-query-csv`): CloudTrail field names as
 *   columns, `eventName` with `eventTime` or `eventID`, each row rebuilt into a record
 *   (cloudtrail-query-row.ts). Lake's S3 results and Athena's download share the
 *   columns and the struct text, and neither file says which service wrote it, so one
 *   format name serves both.
 */
import type { CsvKind, CsvRow } from './csv-kinds.js';
import { minimalRecord, readBoolean, text } from './cloudtrail-minimal.js';
import { hasEventColumns, rebuildQueryRow } from './cloudtrail-query-row.js';
import { toIsoTime } from './export-time.js';

export const cloudTrailEventHistoryCsv: CsvKind = {
  format: 'cloudtrail-event-history-csv',
  source: 'cloudtrail',
  matches: (headers) => {
    const lower = new Set([...headers].map((h) => h.toLowerCase()));
    return (
      lower.has('event name') &&
      lower.has('event time') &&
      ['event id', 'event source', 'user name'].some((h) => lower.has(h))
    );
  },
  record: eventHistoryRecord,
};

export const cloudTrailQueryCsv: CsvKind = {
  format: 'cloudtrail-query-csv',
  source: 'cloudtrail',
  matches: (headers) => hasEventColumns([...headers]),
  record: (row) => rebuildQueryRow(row),
};

function eventHistoryRecord(row: CsvRow): string {
  const cells = new Map(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
  const cell = (...names: string[]): string | undefined =>
    names.map((n) => text(cells.get(n))).find((v) => v !== undefined);

  const full = cells.get('cloudtrail event');
  if (full !== undefined && isJsonObject(full)) return full;

  const time = cell('event time');
  return minimalRecord(
    {
      eventId: cell('event id'),
      eventTime: time ? (toIsoTime(time) ?? time) : undefined,
      eventName: cell('event name'),
      eventSource: cell('event source'),
      userName: cell('user name', 'username'),
      accessKeyId: cell('aws access key'),
      awsRegion: cell('aws region'),
      sourceIPAddress: cell('source ip address'),
      errorCode: cell('error code'),
      readOnly: readBoolean(cell('read-only', 'read only', 'readonly')),
      resources: resources(cell('resource type'), cell('resource name')),
    },
    row,
  );
}

function isJsonObject(value: string): boolean {
  if (!value.trimStart().startsWith('{')) return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * An event referencing several resources lists them in one cell, separated by commas
 * or line breaks; types and names are paired when both lists have the same length.
 */
function resources(
  types: string | undefined,
  names: string | undefined,
): { type?: string; name?: string }[] {
  if (!types && !names) return [];
  const split = (s: string | undefined): string[] =>
    (s ?? '')
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter((p) => p !== '');
  const typeList = split(types);
  const nameList = split(names);
  if (typeList.length === nameList.length) {
    return nameList.map((name, i) => ({ type: typeList[i], name }));
  }
  return [{ type: types, name: names }];
}
