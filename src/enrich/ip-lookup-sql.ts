/**
 * Address → ASN, AS name and country, in SQL over the case's ranges tables
 * (ip-tables.ts): an equi-join on the address's bucket, kept when the address lies
 * between start_ip and end_ip. Where ranges overlap (a handful do in the bundled data),
 * the one starting last wins, as an ASOF join would choose.
 *
 * Why not an ASOF join: DuckDB 1.5 plans an ASOF join whose left side it expects to
 * hold at most `asof_loop_join_threshold` (64) rows as a nested loop over the whole
 * ranges table, and it estimates a table created in the running transaction (ingest's
 * batch table, and anything derived from it) at 0 rows. 1,000 addresses then took over
 * 30 s instead of 0.2 s, and the case's configuration is locked, so the setting cannot
 * be changed. A hash join has no such cliff.
 */
import type { IpDataSetName } from './ip-data-sets.js';
import { parsedIpsSql } from './ip-parse-sql.js';
import { BUCKET_SHIFT, rangesTable, type IpFamily } from './ip-tables.js';

const DATA_COLUMNS: Record<IpDataSetName, string[]> = {
  asn: ['asn', 'as_name'],
  country: ['country'],
};

function matchSql(dataset: IpDataSetName, family: IpFamily): string {
  const columns = DATA_COLUMNS[dataset].map((c) => `r.${c}`).join(', ');
  return `
    SELECT p.ip, ${columns}
    FROM (SELECT ip, ${family} AS n FROM parsed
          WHERE ip_class = 'public' AND ${family} IS NOT NULL) p
    JOIN ${rangesTable(dataset, family)} r
      ON r.bucket = (p.n >> ${BUCKET_SHIFT[family]})::UINTEGER
      AND p.n BETWEEN r.start_ip AND r.end_ip
    QUALIFY row_number() OVER (PARTITION BY p.ip ORDER BY r.start_ip DESC) = 1`;
}

/**
 * A SELECT over `relation` (a table name or parenthesised subquery with a VARCHAR column
 * `ip`, one row per address) giving ip, ip_class, asn, as_name, country. Private,
 * reserved and malformed addresses get NULLs, as do public ones no range covers.
 */
export function lookupIpsSql(relation: string): string {
  return `
  WITH parsed AS MATERIALIZED (${parsedIpsSql(relation)}),
  asn AS (${matchSql('asn', 'v4')} UNION ALL ${matchSql('asn', 'v6')}),
  country AS (${matchSql('country', 'v4')} UNION ALL ${matchSql('country', 'v6')})
  SELECT p.ip, p.ip_class, a.asn, a.as_name, c.country
  FROM parsed p
  LEFT JOIN asn a ON a.ip = p.ip
  LEFT JOIN country c ON c.ip = p.ip`;
}
