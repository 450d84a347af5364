/**
 * The credential report names a user's keys by slot (`#access_key_1`), not by id. When
 * exactly one known key of that user was created at the slot's `last_rotated` second
 * (the report's creation date for a key never rotated since), the slot is that key: its
 * reported status and last use move onto the key's row and the slot row goes.
 */

export const REPORT_SLOTS_SQL = [
  `CREATE OR REPLACE TEMP TABLE slot_match AS
   SELECT s.credential_id AS slot_id, k.credential_id AS key_id
   FROM credentials s
   JOIN credentials k ON k.identity_id = s.identity_id AND k.kind = 'access_key'
     AND k.credential_id NOT LIKE '%#%'
     AND abs(epoch(k.created_at) - epoch(s.created_at)) < 2
   WHERE s.kind = 'access_key' AND s.credential_id LIKE '%#access_key_%'
   QUALIFY count(*) OVER (PARTITION BY s.credential_id) = 1
     AND count(*) OVER (PARTITION BY k.credential_id) = 1`,

  `UPDATE credentials SET
     status = CASE WHEN x.status_at IS NOT NULL
         AND (credentials.status_at IS NULL OR x.status_at >= credentials.status_at)
       THEN x.status ELSE credentials.status END,
     status_at = greatest(credentials.status_at, x.status_at),
     last_used_service = CASE
       WHEN x.last_used_at >= coalesce(credentials.last_used_at, x.last_used_at)
       THEN x.last_used_service ELSE credentials.last_used_service END,
     last_used_region = CASE
       WHEN x.last_used_at >= coalesce(credentials.last_used_at, x.last_used_at)
       THEN x.last_used_region ELSE credentials.last_used_region END,
     last_used_at = greatest(credentials.last_used_at, x.last_used_at),
     file_id = coalesce(credentials.file_id, x.file_id),
     in_inventory = true
   FROM (SELECT m.key_id, s.status, s.status_at, s.last_used_at, s.last_used_service,
           s.last_used_region, s.file_id
         FROM slot_match m JOIN credentials s ON s.credential_id = m.slot_id) x
   WHERE credentials.credential_id = x.key_id`,

  `DELETE FROM credentials WHERE credential_id IN (SELECT slot_id FROM slot_match)`,
];
