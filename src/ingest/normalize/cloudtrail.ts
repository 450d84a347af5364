/**
 * CloudTrail record → `events` row, in DuckDB SQL. Field names follow the CloudTrail
 * record contents reference (eventVersion 1.0x): userIdentity, eventTime, eventSource,
 * eventName, awsRegion, sourceIPAddress, userAgent, errorCode, errorMessage, readOnly,
 * resources, recipientAccountId, sharedEventID, sessionContext.sessionIssuer.
 *
 * Variable parts are read as JSON so that nothing the schema does not name is lost (the
 * whole record stays in `raw` anyway).
 */

const RECORD_TYPE = JSON.stringify({
  eventID: 'VARCHAR',
  sharedEventID: 'VARCHAR',
  eventTime: 'VARCHAR',
  '@timestamp': 'VARCHAR',
  eventSource: 'VARCHAR',
  eventName: 'VARCHAR',
  eventType: 'VARCHAR',
  awsRegion: 'VARCHAR',
  sourceIPAddress: 'VARCHAR',
  userAgent: 'VARCHAR',
  errorCode: 'VARCHAR',
  errorMessage: 'VARCHAR',
  readOnly: 'JSON',
  recipientAccountId: 'VARCHAR',
  resources: 'JSON',
  responseElements: 'JSON',
  additionalEventData: 'JSON',
  userIdentity: {
    type: 'VARCHAR',
    principalId: 'VARCHAR',
    arn: 'VARCHAR',
    accountId: 'VARCHAR',
    accessKeyId: 'VARCHAR',
    userName: 'VARCHAR',
    invokedBy: 'VARCHAR',
    sessionContext: {
      sessionIssuer: { type: 'VARCHAR', arn: 'VARCHAR', userName: 'VARCHAR' },
      attributes: { mfaAuthenticated: 'VARCHAR' },
    },
  },
});

// `arn:aws:sts::111122223333:assumed-role/RoleName/session` → its role and session.
const ASSUMED_ROLE_RE = `'^arn:(aws[a-z-]*):sts::([0-9]+):assumed-role/([^/]+)/(.*)$'`;
const UUID_RE = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;

/** Normalized rows (with `valid`) from a relation of staged CloudTrail records. */
export function cloudTrailRows(relation: string): string {
  return `
  WITH parsed AS (
    SELECT file_id, record_index, raw, from_json(raw, '${RECORD_TYPE}') AS r
    FROM ${relation}
  ),
  shaped AS (
    SELECT *, r.userIdentity AS ui,
      regexp_extract(r.userIdentity.arn, ${ASSUMED_ROLE_RE}, 4) AS arn_session,
      regexp_replace(r.userIdentity.arn, ${ASSUMED_ROLE_RE}, 'arn:\\1:iam::\\2:role/\\3') AS arn_role
    FROM parsed
  )
  SELECT
    'cloudtrail:' || CASE
      WHEN r.sharedEventID IS NOT NULL THEN 'shared:' || r.sharedEventID
      WHEN regexp_matches(r.eventID, ${UUID_RE}) THEN r.eventID
      WHEN r.eventID IS NOT NULL THEN r.eventID || ':' || md5(raw)[1:16]
      ELSE 'md5:' || md5(raw) END AS event_uid,
    TRY_CAST(coalesce(r.eventTime, r."@timestamp") AS TIMESTAMPTZ) AS time,
    'aws' AS cloud,
    'cloudtrail' AS source,
    coalesce(r.recipientAccountId, ui.accountId) AS account,
    r.awsRegion AS region,
    regexp_replace(r.eventSource, '\\.amazonaws\\.com$', '') AS service,
    r.eventName AS action,
    r.eventType AS event_type,
    CASE WHEN r.errorCode IS NOT NULL
          OR json_extract_string(r.responseElements, '$.ConsoleLogin') = 'Failure'
      THEN 'failure' ELSE 'success' END AS outcome,
    coalesce(r.errorCode,
      CASE WHEN json_extract_string(r.responseElements, '$.ConsoleLogin') = 'Failure'
        THEN 'ConsoleLoginFailure' END) AS error_code,
    coalesce(r.errorMessage, json_extract_string(r.additionalEventData, '$.LoginFailure'))
      AS error_message,
    CASE
      WHEN ui.type = 'AWSService' THEN 'aws:service:' || coalesce(ui.invokedBy, r.sourceIPAddress)
      WHEN ui.type = 'AWSAccount' THEN 'aws:account:' || ui.accountId
      WHEN ui.sessionContext.sessionIssuer.arn IS NOT NULL
        AND ui.type IN ('AssumedRole', 'FederatedUser') THEN ui.sessionContext.sessionIssuer.arn
      WHEN arn_session <> '' THEN arn_role
      WHEN ui.arn IS NOT NULL THEN ui.arn
      WHEN ui.userName IS NOT NULL THEN 'aws:user-name:' || ui.userName
      WHEN ui.principalId IS NOT NULL THEN 'aws:principal:' || ui.principalId
    END AS actor_id,
    ui.arn AS actor_arn,
    ui.type AS actor_principal_type,
    CASE
      WHEN ui.type = 'AWSService' THEN 'service'
      WHEN r.eventName = 'ConsoleLogin' OR ui.sessionContext.attributes.mfaAuthenticated = 'true'
        THEN 'human'
      WHEN regexp_matches(arn_session, '^i-[0-9a-f]{8,17}$') THEN 'machine'
      ELSE 'unknown' END AS actor_type,
    ui.accessKeyId AS credential_id,
    CASE WHEN arn_session <> '' OR ui.type = 'FederatedUser' THEN ui.arn END AS session_id,
    CASE WHEN arn_session <> '' THEN arn_session END AS session_name,
    CASE WHEN regexp_matches(r.sourceIPAddress, '^[0-9.]+$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$')
      THEN r.sourceIPAddress END AS src_ip,
    CASE WHEN NOT regexp_matches(r.sourceIPAddress, '^[0-9.]+$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$')
      THEN r.sourceIPAddress END AS src_service,
    NULL::INTEGER AS src_asn,
    NULL::VARCHAR AS src_as_name,
    NULL::VARCHAR AS src_country,
    r.userAgent AS user_agent,
    CASE json_type(r.readOnly)
      WHEN 'BOOLEAN' THEN r.readOnly::BOOLEAN
      WHEN 'VARCHAR' THEN lower(json_extract_string(r.readOnly, '$')) = 'true' END AS read_only,
    CASE WHEN json_type(r.resources) = 'ARRAY'
      THEN list_filter(json_extract_string(r.resources, '$[*].ARN'), x -> x IS NOT NULL)
      ELSE []::VARCHAR[] END AS resources,
    r.sharedEventID AS shared_event_id,
    file_id,
    record_index,
    raw,
    r.eventName IS NOT NULL AS valid
  FROM shaped`;
}
