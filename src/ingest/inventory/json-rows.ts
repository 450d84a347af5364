/**
 * Writes rows built in TypeScript through one bound parameter: the rows travel as a JSON
 * array and DuckDB's `from_json` gives them their column types, so no evidence value is
 * ever spliced into SQL text. Table, column and type names are constants of the caller.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Column name → DuckDB type, in the order of the INSERT. A JSON column takes the value
 * itself (an object or list), not its text: text would be stored as a JSON string.
 */
export type ColumnTypes = Readonly<Record<string, string>>;

// Keeps each bound JSON text to a few megabytes.
const CHUNK_ROWS = 20_000;

/**
 * `INSERT INTO table (columns) SELECT ... [conflict]`, chunked. `conflict` is a constant
 * clause such as `ON CONFLICT (policy_id) DO NOTHING`; with ON CONFLICT DO UPDATE the
 * caller must give each key once (DuckDB refuses to update a row twice in one command).
 */
export async function insertRows(
  conn: DuckDBConnection,
  table: string,
  columns: ColumnTypes,
  rows: readonly object[],
  conflict = '',
): Promise<void> {
  const names = Object.keys(columns);
  const type = JSON.stringify([columns]);
  const sql = `INSERT INTO ${table} (${names.join(', ')})
    SELECT ${names.map((n) => `r.${n}`).join(', ')}
    FROM (SELECT unnest(from_json($1::JSON, '${type}')) AS r)
    ${conflict}`;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await conn.run(sql, [JSON.stringify(rows.slice(i, i + CHUNK_ROWS))]);
  }
}

/** A bound JSON list of ids, for `WHERE x IN (SELECT unnest(from_json($1, ...)))`. */
export const ID_LIST_SQL = `SELECT unnest(from_json($1::JSON, '["VARCHAR"]'))`;

export function idList(ids: Iterable<string>): string {
  return JSON.stringify([...ids]);
}
