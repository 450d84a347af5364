/**
 * Folds what the logs say about each AWS key into `credentials`: the call that minted
 * it (`minted`), its status changes (`key_status`), and its use (`observed`, computed
 * here from every event that carries a key).
 *
 * Rows are merged, never dropped: the logs only grow, so every fact is either recounted
 * from all events (first/last seen, count) or kept from the newest source (status), and
 * running this again changes nothing. Inventory rows keep their source and kind.
 */
import { accountOf, isWeakActor } from './calls.js';

export const OBSERVED_SQL = `CREATE OR REPLACE TEMP TABLE observed AS
  SELECT credential_id,
    -- AKIA: a long-lived IAM key; ASIA (and other prefixes): temporary credentials.
    CASE WHEN credential_id LIKE 'AKIA%' THEN 'access_key' ELSE 'session' END AS kind,
    arg_max(actor_id, time) FILTER (WHERE NOT ${isWeakActor('actor_id')}
      AND actor_id NOT LIKE 'aws:%') AS identity_id,
    min(time) AS first_seen,
    max(time) AS last_seen,
    count(*) AS event_count,
    arg_max(session_id, time) FILTER (WHERE session_id IS NOT NULL) AS session_arn,
    arg_max(session_name, time) FILTER (WHERE session_name IS NOT NULL) AS session_name
  FROM events
  WHERE cloud = 'aws' AND credential_id IS NOT NULL AND credential_id <> ''
  GROUP BY credential_id`;

export const MERGE_SQL = `INSERT INTO credentials (credential_id, cloud, kind, identity_id,
    account, status, status_at, created_at, expires_at, deleted_at, first_seen, last_seen,
    event_count, session_arn, session_name, minted_by, minted_by_event_uid,
    minted_with_credential, subject, source, in_inventory)
  SELECT k.credential_id, 'aws',
    coalesce(m.kind, o.kind, 'access_key'),
    coalesce(m.identity_id, s.identity_id, o.identity_id) AS identity_id,
    coalesce(${accountOf('coalesce(m.identity_id, s.identity_id, o.identity_id)')},
      m.account),
    s.status, s.status_at, m.created_at, m.expires_at, s.deleted_at,
    o.first_seen, o.last_seen, coalesce(o.event_count, 0),
    coalesce(m.session_arn, o.session_arn), coalesce(m.session_name, o.session_name),
    m.minted_by, m.minted_by_event_uid, m.minted_with_credential, m.subject,
    coalesce(m.source, CASE WHEN s.credential_id IS NOT NULL THEN 'cloudtrail:key_status'
      ELSE 'cloudtrail:observed' END),
    false
  FROM (SELECT credential_id FROM minted UNION SELECT credential_id FROM observed
        UNION SELECT credential_id FROM key_status) k
  LEFT JOIN minted m ON m.credential_id = k.credential_id
  LEFT JOIN observed o ON o.credential_id = k.credential_id
  LEFT JOIN key_status s ON s.credential_id = k.credential_id
  ON CONFLICT (credential_id) DO UPDATE SET
    kind = CASE WHEN credentials.in_inventory THEN credentials.kind ELSE excluded.kind END,
    identity_id = CASE
      WHEN excluded.minted_by_event_uid IS NOT NULL OR credentials.identity_id IS NULL
        OR credentials.identity_id LIKE 'aws:%'
      THEN coalesce(excluded.identity_id, credentials.identity_id)
      ELSE credentials.identity_id END,
    account = coalesce(credentials.account, excluded.account),
    status = CASE WHEN excluded.status_at IS NOT NULL
        AND (credentials.status_at IS NULL OR excluded.status_at >= credentials.status_at)
      THEN excluded.status ELSE credentials.status END,
    status_at = greatest(credentials.status_at, excluded.status_at),
    created_at = coalesce(excluded.created_at, credentials.created_at),
    expires_at = coalesce(excluded.expires_at, credentials.expires_at),
    deleted_at = coalesce(excluded.deleted_at, credentials.deleted_at),
    first_seen = coalesce(excluded.first_seen, credentials.first_seen),
    last_seen = coalesce(excluded.last_seen, credentials.last_seen),
    event_count = greatest(excluded.event_count, credentials.event_count),
    session_arn = coalesce(excluded.session_arn, credentials.session_arn),
    session_name = coalesce(excluded.session_name, credentials.session_name),
    minted_by = coalesce(excluded.minted_by, credentials.minted_by),
    minted_by_event_uid = coalesce(excluded.minted_by_event_uid, credentials.minted_by_event_uid),
    minted_with_credential = coalesce(excluded.minted_with_credential,
      credentials.minted_with_credential),
    subject = coalesce(excluded.subject, credentials.subject),
    source = CASE WHEN credentials.in_inventory THEN credentials.source
      ELSE excluded.source END`;
