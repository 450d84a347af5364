import type { DuckDBConnection } from '@duckdb/node-api';
import { createLogger } from '../log/logger.js';
import { quoteIdent, quoteLiteral } from '../store/sql.js';
import { lookupIpsSql } from './ip-lookup-sql.js';
import { loadedDataVersion } from './ip-tables.js';

const log = createLogger('enrich');

/**
 * The rows of one ingest batch's table (columns as in EVENT_COLUMNS) with `src_asn`,
 * `src_as_name` and `src_country` filled from the bundled IP data: returns a SELECT that
 * ingest inserts from, so no row is updated in place. Values a log carries itself win:
 * the ASN and AS name are filled only when the row has neither, the country only when
 * it has none (Entra sign-ins carry their own ASN and location). A row with the log's
 * ASN but no AS name gets the name when the bundled data gives the same ASN.
 *
 * Before that, the distinct addresses the case has not looked up yet are parsed and
 * looked up; the answers (misses included) go into `ip_info`, so an address costs
 * nothing in later batches. Without IP data in the case, the rows come back as they are.
 */
export async function enrichedStageSql(
  conn: DuckDBConnection,
  stageTable: string,
): Promise<string> {
  const stage = quoteIdent(stageTable);
  const version = await loadedDataVersion(conn);
  if (version === null) return `SELECT * FROM ${stage}`;
  const wantsAsn = 's.src_asn IS NULL AND s.src_as_name IS NULL';
  const wantsAny = 's.src_as_name IS NULL OR s.src_country IS NULL';

  // The addresses to look up go into a temp table first: when there are none (every
  // address already cached), the range joins are not run at all.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ip_lookup_pending AS
     SELECT DISTINCT s.src_ip AS ip FROM ${stage} s
     WHERE s.src_ip IS NOT NULL AND (${wantsAny})
       AND NOT EXISTS (
         SELECT 1 FROM ip_info i WHERE i.ip = s.src_ip AND i.data_version = $1)`,
    [version],
  );
  const pending = await conn.runAndReadAll('SELECT count(*) FROM ip_lookup_pending');
  const newAddresses = Number(pending.getRows()[0]?.[0] ?? 0);
  if (newAddresses > 0) {
    await conn.run(
      `INSERT INTO ip_info (ip, ip_class, asn, as_name, country, data_version)
       SELECT ip, ip_class, asn, as_name, country, $1
       FROM (${lookupIpsSql('ip_lookup_pending')})`,
      [version],
    );
  }
  await conn.run('DROP TABLE ip_lookup_pending');
  log.debug('source IPs looked up', { new_addresses: newAddresses });

  // The data version is our own constant (the bundled packages' versions), not evidence.
  return `SELECT s.* REPLACE (
      CASE WHEN ${wantsAsn} THEN i.asn ELSE s.src_asn END AS src_asn,
      CASE WHEN ${wantsAsn} OR (s.src_as_name IS NULL AND s.src_asn = i.asn)
        THEN i.as_name ELSE s.src_as_name END AS src_as_name,
      coalesce(s.src_country, i.country) AS src_country)
    FROM ${stage} s
    LEFT JOIN ip_info i ON i.ip = s.src_ip AND i.data_version = ${quoteLiteral(version)}`;
}
