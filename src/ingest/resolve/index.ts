/**
 * Credential lineage: after every batch of an ingest and before identities are rebuilt,
 * each AWS key in the case is tied to whom it acts for and, for temporary keys, to the
 * call that minted it and the key that signed that call. The `credential_chain` view
 * walks those links back to the first long-lived identity (migration 2).
 *
 * One transaction, all in DuckDB; cheap enough to run after every ingest (one pass over
 * the credential calls, one GROUP BY over events that carry a key).
 */
import type { CaseStore } from '../../store/case-store.js';
import { CALLS_SQL } from './calls.js';
import { FILL_ACTORS_SQL } from './fill-actors.js';
import { MERGE_SQL, OBSERVED_SQL } from './merge.js';
import { MINTED_SQL } from './minted.js';
import { REPORT_SLOTS_SQL } from './report-slots.js';

const TEMP_TABLES = [
  'cred_calls',
  'user_names',
  'minted',
  'key_status',
  'observed',
  'slot_match',
];

export async function resolveCredentials(store: CaseStore): Promise<void> {
  await store.withWriter(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const sql of [
        ...CALLS_SQL,
        ...MINTED_SQL,
        OBSERVED_SQL,
        MERGE_SQL,
        ...FILL_ACTORS_SQL,
        ...REPORT_SLOTS_SQL,
      ]) {
        await conn.run(sql);
      }
      for (const table of TEMP_TABLES) await conn.run(`DROP TABLE IF EXISTS ${table}`);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
}
