import type { CaseStore } from '../store/case-store.js';
import { classifyIdentities } from './classify/index.js';
import { LIFECYCLE_SQL } from './identity-lifecycle.js';

/**
 * Rebuilds the identities the logs show from `events`: one row per actor, with first and
 * last seen and an event count, plus the principals only credentials name (the owner of
 * a key, the OIDC or SAML provider that minted a session, a federated trust principal).
 * Rows that came from an inventory keep their facts and get their activity updated.
 * Then every identity is classified machine or human (classify/). Cheap enough to run
 * after every ingest (a few GROUP BYs).
 */
export async function refreshIdentities(store: CaseStore): Promise<void> {
  await store.withWriter(async (conn) => {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(`CREATE OR REPLACE TEMP TABLE seen AS
        SELECT identity_id, any_value(cloud) AS cloud, any_value(account) AS account,
          min(first_seen) AS first_seen, max(last_seen) AS last_seen,
          sum(event_count)::BIGINT AS event_count, max(display_name) AS display_name
        FROM (
          -- Entra and GCP ids are object ids or emails; the logs' own name for the actor
          -- (UPN, service principal name; kept in actor_arn) names them for a person.
          SELECT actor_id AS identity_id, any_value(cloud) AS cloud,
            any_value(account) AS account, min(time) AS first_seen, max(time) AS last_seen,
            count(*) AS event_count,
            CASE WHEN any_value(cloud) <> 'aws' THEN arg_max(actor_arn, time) END AS display_name
          FROM events WHERE actor_id IS NOT NULL GROUP BY actor_id
          UNION ALL
          SELECT unnest([identity_id, minted_by]), cloud, NULL, NULL, NULL, 0, NULL
          FROM credentials
          UNION ALL
          SELECT principal, 'aws', NULL, NULL, NULL, 0, NULL
          FROM trusts WHERE federation IS NOT NULL)
        WHERE identity_id IS NOT NULL AND identity_id NOT LIKE '%#%'
        GROUP BY identity_id`);
      await conn.run('DELETE FROM identities WHERE NOT in_inventory');
      await conn.run(`INSERT INTO identities
          (identity_id, cloud, kind, name, account, first_seen, last_seen, event_count,
           in_inventory)
        SELECT s.identity_id, s.cloud, ${KIND_SQL}, ${NAME_SQL},
          coalesce(${ACCOUNT_SQL}, s.account), s.first_seen, s.last_seen, s.event_count, false
        FROM seen s
        WHERE s.identity_id NOT IN (SELECT identity_id FROM identities)`);
      await conn.run(`UPDATE identities i SET first_seen = s.first_seen, last_seen = s.last_seen,
          event_count = s.event_count
        FROM seen s WHERE i.identity_id = s.identity_id AND i.in_inventory`);
      await conn.run('DROP TABLE seen');
      for (const sql of LIFECYCLE_SQL) await conn.run(sql);
      await classifyIdentities(conn);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  });
}

// Web identity issuers AWS knows without an IAM OIDC provider.
const BUILT_IN_OIDC = `('accounts.google.com', 'cognito-identity.amazonaws.com',
  'graph.facebook.com', 'www.amazon.com')`;

const KIND_SQL = `CASE
  WHEN s.identity_id LIKE 'aws:service:%' THEN 'aws_service'
  WHEN s.identity_id LIKE 'aws:account:%' THEN 'aws_account'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:root$') THEN 'root'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:role/') THEN 'role'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:user/') THEN 'user'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:group/') THEN 'group'
  WHEN regexp_matches(s.identity_id, ':federated-user/') THEN 'federated_user'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:oidc-provider/')
    OR s.identity_id IN ${BUILT_IN_OIDC} THEN 'oidc_provider'
  WHEN regexp_matches(s.identity_id, '^arn:aws[a-z-]*:iam::[0-9]+:saml-provider/')
    THEN 'saml_provider'
  WHEN s.identity_id LIKE 'azure:sp:%' THEN 'service_principal'
  WHEN s.identity_id LIKE 'azure:mi:%' THEN 'managed_identity'
  WHEN s.identity_id LIKE 'azure:app:%' THEN 'application'
  WHEN s.identity_id LIKE 'azure:user:%' OR s.identity_id LIKE 'azure:upn:%' THEN 'user'
  WHEN s.identity_id LIKE 'gcp:sa:%' THEN 'service_account'
  WHEN s.identity_id LIKE 'gcp:user:%' THEN 'user'
  ELSE 'principal' END`;

// The last path segment; an OIDC provider is named by its issuer host and path.
const NAME_SQL = `CASE
  WHEN s.display_name IS NOT NULL THEN s.display_name
  WHEN s.identity_id LIKE 'gcp:%' OR s.identity_id LIKE 'azure:upn:%'
    THEN regexp_extract(s.identity_id, '^[a-z]+:[a-z]+:(.+)$', 1)
  WHEN s.identity_id LIKE '%:oidc-provider/%'
    THEN regexp_extract(s.identity_id, ':oidc-provider/(.+)$', 1)
  ELSE regexp_extract(s.identity_id, '([^/:]+)$', 1) END`;

// The account an ARN names beats the account of the events (a cross-account caller).
const ACCOUNT_SQL = `nullif(regexp_extract(s.identity_id,
  '^arn:[^:]+:(?:iam|sts)::([0-9]{12}):', 1), '')`;
