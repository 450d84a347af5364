import type { CaseStore } from '../store/case-store.js';

/**
 * Rebuilds the identities the logs show from `events`: one row per actor, with first and
 * last seen and an event count. Rows that came from an inventory keep their facts and
 * get their activity updated. Cheap enough to run after every ingest (one GROUP BY).
 */
export async function refreshIdentities(store: CaseStore): Promise<void> {
  await store.withWriter(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(`CREATE OR REPLACE TEMP TABLE seen AS
        SELECT actor_id AS identity_id, any_value(cloud) AS cloud,
          any_value(account) AS account, min(time) AS first_seen, max(time) AS last_seen,
          count(*) AS event_count,
          count_if(actor_type = 'human') AS human_events,
          count_if(actor_type = 'machine') AS machine_events,
          count_if(actor_type = 'service') AS service_events
        FROM events WHERE actor_id IS NOT NULL GROUP BY actor_id`);
      await conn.run('DELETE FROM identities WHERE NOT in_inventory');
      await conn.run(`INSERT INTO identities
          (identity_id, cloud, kind, name, account, is_machine, machine_reason,
           first_seen, last_seen, event_count, in_inventory)
        SELECT s.identity_id, s.cloud, ${KIND_SQL}, ${NAME_SQL}, s.account,
          CASE WHEN s.service_events > 0 THEN true
               WHEN s.human_events > 0 THEN false
               WHEN s.machine_events > 0 THEN true END,
          CASE WHEN s.service_events > 0 THEN 'an AWS service acting for the account'
               WHEN s.human_events > 0 THEN 'console sign-in or MFA-authenticated calls'
               WHEN s.machine_events > 0 THEN 'sessions named after EC2 instances' END,
          s.first_seen, s.last_seen, s.event_count, false
        FROM seen s
        WHERE s.identity_id NOT IN (SELECT identity_id FROM identities)`);
      await conn.run(`UPDATE identities i SET first_seen = s.first_seen, last_seen = s.last_seen,
          event_count = s.event_count
        FROM seen s WHERE i.identity_id = s.identity_id AND i.in_inventory`);
      await conn.run('DROP TABLE seen');
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
}

const KIND_SQL = `CASE
  WHEN s.identity_id LIKE 'aws:service:%' THEN 'aws_service'
  WHEN s.identity_id LIKE 'aws:account:%' THEN 'aws_account'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:root$') THEN 'root'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:role/') THEN 'role'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:user/') THEN 'user'
  WHEN regexp_matches(s.identity_id, ':federated-user/') THEN 'federated_user'
  ELSE 'principal' END`;

const NAME_SQL = `regexp_extract(s.identity_id, '([^/:]+)$', 1)`;
