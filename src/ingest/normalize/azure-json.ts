/**
 * SQL helpers shared by the Entra and Azure normalizers. The same log reaches responders
 * in three shapes whose field names differ only in case or nesting: Log Analytics rows
 * (PascalCase columns, `dynamic` columns often saved as JSON text), Microsoft Graph
 * objects (camelCase) and diagnostic-setting records (the Graph fields under
 * `properties`, plus lower-case top-level fields). DuckDB struct fields are matched
 * without regard to case, so `from_json` cannot hold `Category` and `category` apart;
 * these helpers read exact-case JSON paths with `json_extract_string` and `json_extract`
 * instead, one call per record for all paths (DuckDB parses the record once per call).
 *
 * Like every normalizer, these assume well-formed JSON: a malformed record makes DuckDB
 * fail the statement, and ingest retries the file with such records filtered out and
 * counted (see normalize/index.ts).
 */

/** A field and the JSON paths that may hold it, in order of preference. */
export type FieldPaths = Readonly<Record<string, readonly string[]>>;

/**
 * A SELECT over `relation` (file_id, record_index, raw, ...) with one column per field:
 * for `scalars` the first non-empty string among its paths, for `objects` the first JSON
 * object or array, where a JSON string holding an object (a Log Analytics `dynamic`
 * column exported as text, or a CSV cell) counts as that object.
 */
export function selectFields(
  relation: string,
  scalars: FieldPaths,
  objects: FieldPaths,
): string {
  const scalarPaths = Object.values(scalars).flat();
  const objectPaths = Object.values(objects).flat();
  let s = 0;
  const scalarColumns = Object.entries(scalars).map(([name, paths]) => {
    const options = paths.map(() => `nullif(s[${++s}], '')`);
    return `coalesce(${options.join(', ')}) AS ${name}`;
  });
  let o = 0;
  const objectColumns = Object.entries(objects).map(([name, paths]) => {
    const options = paths.map(() => asObject(`o[${++o}]`));
    return `coalesce(${options.join(', ')}) AS ${name}`;
  });
  return `
    SELECT file_id, record_index, raw,
      ${[...scalarColumns, ...objectColumns].join(',\n      ')}
    FROM (
      SELECT file_id, record_index, raw,
        json_extract_string(raw, ${pathList(scalarPaths)}) AS s,
        json_extract(raw, ${pathList(objectPaths)}) AS o
      FROM ${relation}
    )`;
}

/** A JSON value as an object or array: JSON text inside a string is parsed, else NULL. */
function asObject(json: string): string {
  return `CASE json_type(${json})
      WHEN 'OBJECT' THEN ${json} WHEN 'ARRAY' THEN ${json}
      WHEN 'VARCHAR' THEN TRY_CAST(json_extract_string(${json}, '$') AS JSON) END`;
}

/** The paths are constants written in this code base, never evidence. */
function pathList(paths: readonly string[]): string {
  return `[${paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(', ')}]`;
}

/**
 * A TIMESTAMPTZ from an Azure time string: ISO 8601 with or without an offset (Azure
 * writes UTC; the case database runs with TimeZone = UTC, so a time without an offset
 * is read as UTC), or the Log Analytics portal's CSV display form
 * `8/2/2021, 1:29:25.983 PM`.
 */
export function timeSql(expr: string): string {
  const portal = `['%m/%d/%Y, %I:%M:%S.%g %p', '%m/%d/%Y, %I:%M:%S %p']`;
  return `coalesce(TRY_CAST(${expr} AS TIMESTAMPTZ),
      try_strptime(${expr}, ${portal})::TIMESTAMPTZ)`;
}

const IPV4_PORT_RE = `'^[0-9]{1,3}(\\.[0-9]{1,3}){3}(:[0-9]+)?$'`;
const IPV6_RE = `'^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$'`;

/**
 * An IP address, or NULL when the value is not one. Azure resource logs give
 * `callerIpAddress` with the client port (`203.0.113.7:51234`); the port is dropped.
 */
export function ipSql(expr: string): string {
  return `CASE
      WHEN regexp_matches(${expr}, ${IPV4_PORT_RE})
        THEN regexp_replace(${expr}, ':[0-9]+$', '')
      WHEN regexp_matches(${expr}, ${IPV6_RE}) THEN ${expr} END`;
}

/** A two-letter country code (ISO 3166-1 alpha-2), as Entra writes `countryOrRegion`. */
export function countrySql(expr: string): string {
  return `CASE WHEN regexp_matches(${expr}, '^[A-Za-z]{2}$') THEN upper(${expr}) END`;
}

/** The tenant id in a `/tenants/<id>/providers/...` resource id, or NULL. */
export function tenantOfResourceSql(expr: string): string {
  return `nullif(regexp_extract(${expr}, '^/tenants/([0-9a-fA-F-]{36})', 1), '')`;
}

/**
 * `<source>:<id>`, or `<source>:md5:<hash>` when the record carries no id (diagnostic
 * Activity records have none). The hash is of the minified record (DuckDB `json()`), so
 * one record delivered pretty-printed by one pipeline and on one line by another is one
 * event.
 */
export function eventUidSql(source: string, idExpr: string): string {
  return `'${source}:' || coalesce(${idExpr}, 'md5:' || md5(json(raw)))`;
}

/** The non-NULL, non-empty strings among `exprs`, as a VARCHAR[]. */
export function listOfSql(...exprs: string[]): string {
  return `list_filter([${exprs.join(', ')}]::VARCHAR[], x -> x IS NOT NULL AND x <> '')`;
}
