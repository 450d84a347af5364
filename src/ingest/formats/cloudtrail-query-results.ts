/**
 * Query results saved as the JSON the APIs return, one record rebuilt per row
 * (cloudtrail-query-row.ts):
 *
 * - CloudTrail Lake, `aws cloudtrail get-query-results`: `{"QueryStatus": ...,
 *   "QueryResultRows": [[{"eventID": "..."}, {"eventTime": "..."}, ...], ...],
 *   "NextToken": ...}`, each row a list of one-column objects, every value a string.
 * - Athena, `aws athena get-query-results`: `{"ResultSet": {"Rows": [{"Data":
 *   [{"VarCharValue": "..."}, ...]}, ...], "ResultSetMetadata": {"ColumnInfo":
 *   [{"Name": "eventversion", ...}, ...]}}}`; the first page repeats the column names
 *   as its first row, which is left out. A missing VarCharValue is NULL.
 *
 * Results of queries that select no event columns (counts, aggregates) are refused with
 * `unknown_format`. Pages saved one after another are merged by extract.ts.
 */
import { KeytrailError } from '../../errors.js';
import { arrayElements, type Range } from '../json-scan.js';
import {
  hasEventColumns,
  rebuildQueryRow,
  type QueryRow,
} from './cloudtrail-query-row.js';
import type { ExtractedEvents } from './types.js';
import type { Wrapper } from './wrappers.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const INVALID = Buffer.from('\u0001');

export const lakeQueryResults: Wrapper = {
  key: 'QueryResultRows',
  read: (text, member) => {
    if (text[member.value.start] !== OPEN_BRACKET) return null;
    const rows = arrayElements(text, member.value.start).items.map((range) =>
      lakeRow(parseJson(text, range)),
    );
    const first = rows.find((r) => r !== null);
    if (first && !hasEventColumns(Object.keys(first))) throw notEvents('CloudTrail Lake');
    return events('cloudtrail-lake-query-results', rows);
  },
};

export const athenaQueryResults: Wrapper = {
  key: 'ResultSet',
  read: (text, member) => {
    if (text[member.value.start] !== OPEN_BRACE) return null;
    const resultSet = parseJson(text, member.value) as AthenaResultSet;
    const columns = resultSet.ResultSetMetadata?.ColumnInfo?.map((c) => c?.Name ?? '');
    if (!columns || !Array.isArray(resultSet.Rows)) return null;
    if (!hasEventColumns(columns)) throw notEvents('Athena');

    const rows = resultSet.Rows.map((row) => {
      const values = Array.isArray(row?.Data)
        ? row.Data.map((d) => d?.VarCharValue ?? null)
        : [];
      return values.length === columns.length ? values : null;
    }).filter((values) => !values || values.some((v, i) => v !== columns[i]));
    return events(
      'cloudtrail-athena-query-results',
      rows.map((values) =>
        values ? Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null])) : null,
      ),
    );
  },
};

interface AthenaResultSet {
  Rows?: { Data?: { VarCharValue?: string }[] }[];
  ResultSetMetadata?: { ColumnInfo?: { Name?: string }[] };
}

/** A Lake row, `[{"col": "value"}, ...]`, as one object; null when it is not that. */
function lakeRow(row: unknown): QueryRow | null {
  if (!Array.isArray(row)) return null;
  const out: QueryRow = {};
  for (const cell of row as unknown[]) {
    if (cell === null || typeof cell !== 'object') return null;
    for (const [column, value] of Object.entries(cell)) {
      out[column] =
        typeof value === 'string' ? value : value === null ? null : String(value);
    }
  }
  return out;
}

/** JSON.parse of one value json-scan has delimited; a bad token is the file's error. */
function parseJson(text: Buffer, range: Range): unknown {
  try {
    return JSON.parse(text.toString('utf8', range.start, range.end)) as unknown;
  } catch (err) {
    throw new KeytrailError('invalid_json', `Invalid JSON: ${(err as Error).message}`);
  }
}

function events(format: string, rows: (QueryRow | null)[]): ExtractedEvents {
  return {
    kind: 'events',
    format,
    source: 'cloudtrail',
    records: rows.map((row) => (row ? Buffer.from(rebuildQueryRow(row)) : INVALID)),
  };
}

function notEvents(service: string): KeytrailError {
  return new KeytrailError(
    'unknown_format',
    `This ${service} query result has no event columns (eventName with eventTime or eventID): it summarises events rather than listing them, so there is nothing to read as events.`,
  );
}
