/**
 * When an IAM user or role was created and by whom, and when it was deleted, from the
 * CloudTrail calls: CreateUser/CreateRole (responseElements.user.arn / role.arn) and
 * DeleteUser/DeleteRole (requestParameters.userName / roleName, in the event's account).
 * The inventory's CreateDate stays when both know it; a deletion counts only if it came
 * after the creation the case knows (a name can be reused).
 */

export const LIFECYCLE_SQL = [
  `UPDATE identities SET created_by = c.actor_id,
     created_at = coalesce(identities.created_at, c.time)
   FROM (
     SELECT coalesce(json_extract_string(raw, '$.responseElements.user.arn'),
         json_extract_string(raw, '$.responseElements.role.arn')) AS arn,
       arg_min(actor_id, time) AS actor_id, min(time) AS time
     FROM events
     WHERE source = 'cloudtrail' AND outcome = 'success'
       AND action IN ('CreateUser', 'CreateRole')
     GROUP BY ALL) c
   WHERE identities.identity_id = c.arn`,

  `UPDATE identities SET deleted_at = d.time
   FROM (
     SELECT account, CASE action WHEN 'DeleteUser' THEN 'user' ELSE 'role' END AS kind,
       coalesce(json_extract_string(raw, '$.requestParameters.userName'),
         json_extract_string(raw, '$.requestParameters.roleName')) AS name,
       max(time) AS time
     FROM events
     WHERE source = 'cloudtrail' AND outcome = 'success'
       AND action IN ('DeleteUser', 'DeleteRole')
     GROUP BY ALL) d
   WHERE identities.kind = d.kind AND identities.account = d.account
     AND identities.name = d.name
     AND (identities.created_at IS NULL OR d.time >= identities.created_at)`,
];
