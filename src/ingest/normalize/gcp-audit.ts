/**
 * Google Cloud Audit Log entry → `events` row, in DuckDB SQL. Field names follow
 * Cloud Logging's `LogEntry` (insertId, logName, timestamp, resource.labels) and its
 * `protoPayload`, a `google.cloud.audit.AuditLog` (serviceName, methodName,
 * resourceName, status, authenticationInfo, authorizationInfo, requestMetadata).
 *
 * - event_uid: `gcp_audit:<insertId>:<12 hex>`, the hex an md5 of logName and the
 *   timestamp in microseconds: Cloud Logging keeps insertId unique only among entries of
 *   one log with one timestamp, and this key stays the same whichever export (JSON,
 *   JSON Lines, BigQuery) the entry came from. Entries without insertId (hand-made
 *   copies) fall back to `gcp_audit:md5:<md5 of raw>`.
 * - account: the project (`resource.labels.project_id`, else `projects/<id>` in
 *   logName); org-, folder- and billing-level entries keep `organizations/<id>` etc.
 * - actor_id: `gcp:sa:<email>` for *.gserviceaccount.com, `gcp:user:<email>` for other
 *   emails, from principalEmail or principalSubject (`user:` / `serviceAccount:`);
 *   anything else (`system:anonymous`, workload identity) is `gcp:principal:<value>`.
 *   actor_type: machine for service accounts (and Kubernetes ones), human for other
 *   emails, unknown otherwise.
 * - outcome: failure when status.code is set and not 0 (gRPC codes, named in
 *   error_code) or for Google sign-in failures (`...LoginService.loginFailure`).
 * - event_type: the audit log (`activity`, `data_access`, `system_event`, `policy`).
 * - read_only: from authorizationInfo[].permissionType (all ADMIN_READ/DATA_READ);
 *   false in the Admin Activity log, which only holds writes; else unknown.
 * - credential_id: authenticationInfo.serviceAccountKeyName, the key that signed.
 *
 * SIEM copies spell some keys differently (Panther: `insertid`, `logname`,
 * `protopayload`, `callerIP`, `at_sign_type`) and BigQuery sinks name the payload
 * `protopayload_auditlog`; each is read as a fallback. A record is valid when its
 * payload has a methodName and is an AuditLog (or does not say).
 */

// DuckDB matches struct field names without regard to case, so keys that differ only in
// case (Panther's `insertid` beside `insertId`) are picked by JSON path, which does not.
const PAYLOAD_TYPE = JSON.stringify({
  '@type': 'VARCHAR',
  at_sign_type: 'VARCHAR',
  serviceName: 'VARCHAR',
  methodName: 'VARCHAR',
  resourceName: 'VARCHAR',
  status: 'JSON',
  authenticationInfo: {
    principalEmail: 'VARCHAR',
    principalSubject: 'VARCHAR',
    serviceAccountKeyName: 'VARCHAR',
  },
  authorizationInfo: 'JSON',
  requestMetadata: 'JSON',
  resourceLocation: { currentLocations: ['VARCHAR'] },
});

// One parse of the entry for its scalars, one for the payload and resource labels.
const SCALAR_PATHS = [
  '$.insertId',
  '$.insertid',
  '$.logName',
  '$.logname',
  '$.timestamp',
  '$.receiveTimestamp',
];
const OBJECT_PATHS = [
  '$.protoPayload',
  '$.protopayload',
  '$.protopayload_auditlog',
  '$.resource.labels',
];
const pathList = (paths: string[]): string =>
  `[${paths.map((q) => `'${q}'`).join(', ')}]`;

const IP_RE = `'^[0-9.]+$|^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$'`;
// google.rpc.Code, the `status.code` of an AuditLog.
const GRPC_CODES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];
const GRPC_NAMES = `[${GRPC_CODES.map((c) => `'${c}'`).join(', ')}]`;

/** Normalized rows (with `valid`) from a relation of staged GCP audit log entries. */
export function gcpAuditRows(relation: string): string {
  return `
  WITH parsed AS (
    SELECT file_id, record_index, raw, json_valid(raw) AS valid,
      CASE WHEN json_valid(raw) THEN json_extract_string(raw, ${pathList(SCALAR_PATHS)}) END AS s,
      CASE WHEN json_valid(raw) THEN json_extract(raw, ${pathList(OBJECT_PATHS)}) END AS o
    FROM ${relation}
  ),
  entries AS (
    SELECT *,
      from_json(coalesce(o[1], o[2], o[3]), '${PAYLOAD_TYPE}') AS p,
      o[4] AS labels,
      coalesce(s[1], s[2]) AS insert_id,
      coalesce(s[3], s[4]) AS log_name,
      TRY_CAST(coalesce(s[5], s[6]) AS TIMESTAMPTZ) AS ts
    FROM parsed
  ),
  shaped AS (
    SELECT *,
      TRY_CAST(json_extract_string(p.status, '$.code') AS INTEGER) AS status_code,
      coalesce(lower(p.authenticationInfo.principalEmail),
        nullif(lower(regexp_extract(p.authenticationInfo.principalSubject,
          '^(?:user|serviceAccount):(.+)$', 1)), '')) AS principal,
      coalesce(json_extract_string(p.requestMetadata, '$.callerIp'),
        json_extract_string(p.requestMetadata, '$.callerIP')) AS caller,
      nullif(regexp_extract(log_name, 'cloudaudit\\.googleapis\\.com(?:%2F|/)([a-z_]+)$', 1), '')
        AS audit_log,
      list_filter(json_extract_string(p.authorizationInfo, '$[*].permissionType'),
        x -> x IS NOT NULL) AS permission_types
    FROM entries
  ),
  classed AS (
    SELECT *,
      CASE WHEN principal LIKE '%@%.gserviceaccount.com' THEN 'serviceAccount'
           WHEN principal LIKE '%@%' THEN 'user'
           WHEN principal LIKE 'system:serviceaccount:%' THEN 'kubernetesServiceAccount'
           WHEN principal IS NOT NULL THEN 'principal'
           WHEN p.authenticationInfo.principalSubject IS NOT NULL THEN 'principal' END
        AS principal_kind,
      (status_code IS NOT NULL AND status_code <> 0) AS status_failed,
      coalesce(p.methodName LIKE '%LoginService.loginFailure', false) AS login_failed
    FROM shaped
  )
  SELECT
    'gcp_audit:' || CASE WHEN insert_id IS NOT NULL
      THEN insert_id || ':' || md5(coalesce(log_name, '') || '|' || coalesce(epoch_us(ts)::VARCHAR, ''))[1:12]
      ELSE 'md5:' || md5(raw) END AS event_uid,
    ts AS time,
    'gcp' AS cloud,
    'gcp_audit' AS source,
    coalesce(
      nullif(json_extract_string(labels, '$.project_id'), ''),
      nullif(regexp_extract(log_name, '^projects/([^/]+)/', 1), ''),
      nullif(regexp_extract(log_name, '^((?:organizations|folders|billingAccounts)/[^/]+)/', 1), '')
    ) AS account,
    nullif(coalesce(nullif(json_extract_string(labels, '$.location'), ''),
      nullif(json_extract_string(labels, '$.region'), ''),
      nullif(json_extract_string(labels, '$.zone'), ''),
      p.resourceLocation.currentLocations[1]), '') AS region,
    p.serviceName AS service,
    p.methodName AS action,
    audit_log AS event_type,
    CASE WHEN status_failed OR login_failed THEN 'failure' ELSE 'success' END AS outcome,
    CASE WHEN status_failed THEN coalesce(${GRPC_NAMES}[status_code + 1], status_code::VARCHAR)
         WHEN login_failed THEN 'loginFailure' END AS error_code,
    CASE WHEN status_failed THEN json_extract_string(p.status, '$.message') END AS error_message,
    CASE principal_kind
      WHEN 'serviceAccount' THEN 'gcp:sa:' || principal
      WHEN 'user' THEN 'gcp:user:' || principal
      ELSE 'gcp:principal:' || coalesce(principal, p.authenticationInfo.principalSubject)
    END AS actor_id,
    NULL::VARCHAR AS actor_arn,
    principal_kind AS actor_principal_type,
    CASE principal_kind
      WHEN 'serviceAccount' THEN 'machine'
      WHEN 'kubernetesServiceAccount' THEN 'machine'
      WHEN 'user' THEN 'human'
      ELSE 'unknown' END AS actor_type,
    p.authenticationInfo.serviceAccountKeyName AS credential_id,
    NULL::VARCHAR AS session_id,
    NULL::VARCHAR AS session_name,
    CASE WHEN regexp_matches(caller, ${IP_RE}) THEN caller END AS src_ip,
    CASE WHEN NOT regexp_matches(caller, ${IP_RE}) THEN caller END AS src_service,
    NULL::INTEGER AS src_asn,
    NULL::VARCHAR AS src_as_name,
    NULL::VARCHAR AS src_country,
    json_extract_string(p.requestMetadata, '$.callerSuppliedUserAgent') AS user_agent,
    CASE
      WHEN len(permission_types) > 0
        THEN list_bool_and(list_transform(permission_types, x -> x IN ('ADMIN_READ', 'DATA_READ')))
      WHEN audit_log = 'activity' THEN false
    END AS read_only,
    CASE WHEN p.resourceName IS NOT NULL THEN [p.resourceName] ELSE []::VARCHAR[] END AS resources,
    NULL::VARCHAR AS shared_event_id,
    file_id,
    record_index,
    raw,
    valid AND p.methodName IS NOT NULL
      AND coalesce(p."@type", p.at_sign_type, 'google.cloud.audit.AuditLog')
        LIKE '%google.cloud.audit.AuditLog' AS valid
  FROM classed`;
}
