import type { DuckDBConnection } from '@duckdb/node-api';
import { enrichedStageSql } from '../enrich/index.js';

/**
 * Moves the batch table `stage` into `events`: only valid rows, source IPs enriched,
 * and never an event the case already holds (same event_uid).
 *
 * The same event always carries the same time, so existing copies are looked for only
 * among events within a day of the batch's time range: DuckDB's zone maps then skip the
 * rest of a large case instead of hashing every event_uid in it for every batch.
 * Duplicates inside the batch itself are rare; the window that removes them runs only
 * when the batch has any.
 */
export async function insertNewEvents(conn: DuckDBConnection): Promise<void> {
  const shape = await conn.runAndReadAll(`SELECT
      min(time)::VARCHAR, max(time)::VARCHAR, count(*) FILTER (time IS NULL),
      count(*) - count(DISTINCT event_uid)
    FROM stage WHERE valid`);
  const [first, last, untimed, repeated] = shape.getRows()[0] ?? [];
  const timed = first !== null && first !== undefined && Number(untimed) === 0;
  const window = timed
    ? `AND e.time BETWEEN $1::TIMESTAMPTZ - INTERVAL 1 DAY AND $2::TIMESTAMPTZ + INTERVAL 1 DAY`
    : '';
  const dedupe =
    Number(repeated) > 0
      ? `QUALIFY row_number() OVER (PARTITION BY s.event_uid ORDER BY s.file_id, s.record_index) = 1`
      : '';

  const enriched = await enrichedStageSql(conn, 'stage');
  await conn.run(
    `INSERT INTO events BY NAME
     SELECT * EXCLUDE (valid) FROM (${enriched}) s
     WHERE s.valid AND NOT EXISTS (
       SELECT 1 FROM events e WHERE e.event_uid = s.event_uid ${window})
     ${dedupe}`,
    timed ? [String(first), String(last)] : [],
  );
}
