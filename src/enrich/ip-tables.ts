/**
 * The case tables of IP enrichment. They are created here (CREATE TABLE IF NOT EXISTS),
 * not in a schema migration: they hold derived data that Keytrail can rebuild at any
 * time from the bundled packages, and nothing else refers to them.
 *
 * - `ip_data_sets`: one row per bundled data set loaded into the case: package, version,
 *   licence and the attribution to show with its results.
 * - `ip_ranges_asn_v4`, `ip_ranges_asn_v6` (bucket, start_ip, end_ip, asn, as_name) and
 *   `ip_ranges_country_v4`, `ip_ranges_country_v6` (bucket, start_ip, end_ip, country):
 *   inclusive ranges; IPv4 bounds are UINTEGER, IPv6 bounds UHUGEINT. `bucket` is the
 *   address's top bits (BUCKET_SHIFT): a range appears once per bucket it touches, so a
 *   lookup is an equi-join on the bucket plus a range check (see ip-lookup-sql.ts for
 *   why not an ASOF join). Replaced whole when the bundled version changes.
 * - `ip_info`: the answer for each distinct `src_ip` text seen, so each address is
 *   looked up once per case: ip, ip_class (`public`, `reserved`, `invalid`), asn,
 *   as_name, country (ISO 3166-1 alpha-2), and the data_version it came from.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../store/sql.js';
import type { IpDataSetName } from './ip-data-sets.js';

export const IP_TABLES_SQL = `
  CREATE TABLE IF NOT EXISTS ip_data_sets (
    dataset      VARCHAR NOT NULL,
    package      VARCHAR NOT NULL,
    version      VARCHAR NOT NULL,
    data_version VARCHAR NOT NULL,
    licence      VARCHAR NOT NULL,
    attribution  VARCHAR NOT NULL,
    ranges_v4    BIGINT NOT NULL,
    ranges_v6    BIGINT NOT NULL,
    loaded_at    TIMESTAMPTZ NOT NULL
  );
  CREATE TABLE IF NOT EXISTS ip_info (
    ip           VARCHAR NOT NULL,
    ip_class     VARCHAR NOT NULL,
    asn          INTEGER,
    as_name      VARCHAR,
    country      VARCHAR,
    data_version VARCHAR NOT NULL
  );`;

export type IpFamily = 'v4' | 'v6';

export function rangesTable(dataset: IpDataSetName, family: IpFamily): string {
  return `ip_ranges_${dataset}_${family}`;
}

const BOUND_TYPE: Record<IpFamily, string> = { v4: 'UINTEGER', v6: 'UHUGEINT' };

/**
 * Bits dropped from an address to get its bucket: IPv4 /16, IPv6 /24. Chosen on the
 * bundled data: bucketing adds 7% rows to the IPv4 ASN ranges (30% to the coarser
 * country ranges) and under 2% to IPv6, and no bucket holds more than about 7,500 ranges.
 */
export const BUCKET_SHIFT: Record<IpFamily, number> = { v4: 16, v6: 104 };

/**
 * Replaces one ranges table from a CSV in the case folder. Columns follow the package's
 * CSV format: `ip_range_start, ip_range_end, autonomous_system_number,
 * autonomous_system_organization` (asn) or `ip_range_start, ip_range_end, country_code`.
 * AS numbers that are not public (0, and the 32-bit private-use range above 2^31) are
 * left out: `events.src_asn` is an INTEGER and they name no organisation.
 */
export function loadRangesSql(
  dataset: IpDataSetName,
  family: IpFamily,
  csvPath: string,
): string {
  const bound = BOUND_TYPE[family];
  const csv = (columns: string): string =>
    `read_csv(${quoteLiteral(csvPath)}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
  const table = rangesTable(dataset, family);
  const shift = BUCKET_SHIFT[family];
  const buckets = `unnest(range((start_ip >> ${shift})::BIGINT, (end_ip >> ${shift})::BIGINT + 1))`;
  if (dataset === 'asn') {
    return `CREATE OR REPLACE TABLE ${table} AS
      SELECT bucket::UINTEGER AS bucket, start_ip, end_ip, asn, as_name FROM (
        SELECT ${buckets} AS bucket, start_ip, end_ip, asn::INTEGER AS asn, as_name
        FROM ${csv(`'start_ip': '${bound}', 'end_ip': '${bound}', 'asn': 'UBIGINT', 'as_name': 'VARCHAR'`)}
        WHERE start_ip <= end_ip AND asn BETWEEN 1 AND 2147483647)
      ORDER BY bucket, start_ip`;
  }
  return `CREATE OR REPLACE TABLE ${table} AS
    SELECT bucket::UINTEGER AS bucket, start_ip, end_ip, country FROM (
      SELECT ${buckets} AS bucket, start_ip, end_ip, country
      FROM ${csv(`'start_ip': '${bound}', 'end_ip': '${bound}', 'country': 'VARCHAR'`)}
      WHERE start_ip <= end_ip AND regexp_full_match(country, '[A-Z]{2}'))
    ORDER BY bucket, start_ip`;
}

/**
 * The data version loaded in the case, or null when none is. Looks in the catalog first:
 * a query on a missing table would abort the caller's transaction (enrichStage runs
 * inside the ingest batch's).
 */
export async function loadedDataVersion(conn: DuckDBConnection): Promise<string | null> {
  const exists = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables()
     WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name = 'ip_data_sets'`,
  );
  if (Number(exists.getRows()[0]?.[0] ?? 0) === 0) return null;
  const reader = await conn.runAndReadAll(
    'SELECT min(data_version), max(data_version) FROM ip_data_sets',
  );
  const [low, high] = reader.getRows()[0] ?? [];
  return low === high && typeof low === 'string' ? low : null;
}
