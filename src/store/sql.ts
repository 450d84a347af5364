/** Quotes an SQL identifier (table or column name) for DuckDB. Values are always bound. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a string literal. Used only where DuckDB cannot bind a parameter: file paths in
 * table functions such as `read_csv`, and settings. Never used for evidence values.
 */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
