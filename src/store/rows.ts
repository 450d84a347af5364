import type { DuckDBMaterializedResult, DuckDBResultReader } from '@duckdb/node-api';

import type { JsonValue } from '../api/contract.js';

export interface Column {
  name: string;
  type: string;
}

// DuckDB type ids (duckdb.h DUCKDB_TYPE_*) whose JSON form needs a touch.
const INTEGER_IDS = new Set([5, 9, 16, 32]); // BIGINT, UBIGINT, HUGEINT, UHUGEINT
const TIMESTAMP_IDS = new Set([12, 31]); // TIMESTAMP, TIMESTAMP WITH TIME ZONE

/** Column names and type names of a result. */
export function columnsOf(
  reader: DuckDBResultReader | DuckDBMaterializedResult,
): Column[] {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  return names.map((name, i) => ({ name, type: types[i]?.toString() ?? 'UNKNOWN' }));
}

/**
 * Rows as JSON-safe arrays. 64-bit integers become numbers when exactly representable
 * (else decimal strings); timestamps become ISO-8601 in UTC (the case runs in UTC).
 */
export function jsonRows(reader: DuckDBResultReader): JsonValue[][] {
  const ids = reader.columnTypes().map((t) => Number(t.typeId));
  return reader
    .getRowsJson()
    .map((row) => row.map((value, i) => fixValue(value as JsonValue, ids[i] ?? 0)));
}

/** Rows as objects keyed by column name, same conversions as `jsonRows`. */
export function jsonObjects(reader: DuckDBResultReader): Record<string, JsonValue>[] {
  const names = reader.columnNames();
  return jsonRows(reader).map((row) =>
    Object.fromEntries(names.map((n, i) => [n, row[i] ?? null])),
  );
}

function fixValue(value: JsonValue, typeId: number): JsonValue {
  if (value === null) return null;
  if (INTEGER_IDS.has(typeId) && typeof value === 'string') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (TIMESTAMP_IDS.has(typeId) && typeof value === 'string') return isoTime(value);
  return value;
}

/** `2024-08-01 13:33:28+00` (DuckDB's text form in UTC) → `2024-08-01T13:33:28Z`. */
export function isoTime(text: string): string {
  return text.replace(' ', 'T').replace(/(\+00(:00)?)?$/, 'Z');
}
