/**
 * Entra ID audit record → `events` row, in DuckDB SQL, for the three shapes of the
 * directory audit log:
 *
 * - Log Analytics `AuditLogs` rows: Id, ActivityDateTime, ActivityDisplayName,
 *   OperationName, Category, LoggedByService, Result, ResultReason, AADOperationType,
 *   AADTenantId, InitiatedBy, TargetResources, AdditionalDetails (the last three are
 *   `dynamic`, often exported as JSON text).
 * - Microsoft Graph `directoryAudit` objects: id, activityDateTime, activityDisplayName,
 *   category, result, resultReason, loggedByService, operationType, initiatedBy
 *   {user | app}, targetResources, additionalDetails.
 * - Diagnostic-setting records (category `AuditLogs`): time, tenantId, callerIpAddress,
 *   and the Graph fields under `properties`.
 */
import {
  eventUidSql,
  ipSql,
  selectFields,
  tenantOfResourceSql,
  timeSql,
} from './azure-json.js';

const SCALARS = {
  id: ['$.Id', '$.id', '$.properties.id'],
  activity_time: [
    '$.ActivityDateTime',
    '$.activityDateTime',
    '$.properties.activityDateTime',
    '$.TimeGenerated',
    '$.time',
  ],
  activity: [
    '$.ActivityDisplayName',
    '$.activityDisplayName',
    '$.properties.activityDisplayName',
    '$.OperationName',
    '$.operationName',
    '$.operationname',
  ],
  // The audit category (ApplicationManagement, RoleManagement, ...); a diagnostic
  // record's top-level `category` is only `AuditLogs`, so its properties come first.
  category: ['$.properties.category', '$.Category', '$.category'],
  logged_by: ['$.LoggedByService', '$.loggedByService', '$.properties.loggedByService'],
  result_value: [
    '$.Result',
    '$.result',
    '$.properties.result',
    '$.ResultType',
    '$.resultType',
  ],
  result_reason: [
    '$.ResultReason',
    '$.resultReason',
    '$.properties.resultReason',
    '$.ResultDescription',
    '$.resultDescription',
  ],
  operation_type: ['$.AADOperationType', '$.operationType', '$.properties.operationType'],
  aad_tenant: ['$.AADTenantId', '$.tenantId', '$.tenantid'],
  resource_path: ['$.ResourceId', '$.resourceId', '$.resourceid'],
  caller_ip: ['$.callerIpAddress', '$.calleripaddress', '$.CallerIpAddress'],
  user_agent: ['$.UserAgent'],
};

const OBJECTS = {
  initiated_by: ['$.InitiatedBy', '$.initiatedBy', '$.properties.initiatedBy'],
  targets: ['$.TargetResources', '$.targetResources', '$.properties.targetResources'],
  details: [
    '$.AdditionalDetails',
    '$.additionalDetails',
    '$.properties.additionalDetails',
  ],
};

// initiatedBy holds a user {id, userPrincipalName, ipAddress} or an app {servicePrincipalId,
// appId, displayName, servicePrincipalName}; read all of it with one call.
const INITIATOR_PATHS = [
  '$.user.id',
  '$.user.userPrincipalName',
  '$.user.ipAddress',
  '$.app.servicePrincipalId',
  '$.app.appId',
  '$.app.displayName',
  '$.app.servicePrincipalName',
];

/** Normalized rows (with `valid`) from a relation of staged Entra audit records. */
export function entraAuditRows(relation: string): string {
  const paths = INITIATOR_PATHS.map((p) => `'${p}'`).join(', ');
  return `
  WITH fields AS (${selectFields(relation, SCALARS, OBJECTS)}),
  initiator AS (
    SELECT *, json_extract_string(initiated_by, [${paths}]) AS ib,
      json_extract_string(details, '$[*].key') AS detail_keys,
      json_extract_string(details, '$[*].value') AS detail_values
    FROM fields
  ),
  shaped AS (
    SELECT *,
      nullif(ib[1], '') AS user_id, nullif(ib[2], '') AS user_upn,
      nullif(ib[3], '') AS user_ip, nullif(ib[4], '') AS app_sp_id,
      nullif(ib[5], '') AS app_id, nullif(ib[6], '') AS app_name,
      nullif(ib[7], '') AS app_sp_name,
      lower(result_value) AS result_word
    FROM initiator
  ),
  judged AS (
    SELECT *,
      CASE
        WHEN user_id IS NOT NULL OR user_upn IS NOT NULL THEN 'User'
        WHEN app_sp_id IS NOT NULL THEN 'ServicePrincipal'
        WHEN app_id IS NOT NULL THEN 'Application'
        WHEN app_name IS NOT NULL THEN 'Service' END AS initiator_type,
      CASE
        WHEN result_word IN ('success', 'succeeded') THEN 'success'
        WHEN result_word IN ('failure', 'failed', 'timeout') THEN 'failure' END AS result
    FROM shaped
  )
  SELECT
    ${eventUidSql('entra_audit', 'id')} AS event_uid,
    ${timeSql('activity_time')} AS time,
    'azure' AS cloud,
    'entra_audit' AS source,
    lower(coalesce(aad_tenant, ${tenantOfResourceSql('resource_path')})) AS account,
    NULL::VARCHAR AS region,
    logged_by AS service,
    trim(activity) AS action,
    category AS event_type,
    result AS outcome,
    -- resultReason is sometimes an exception name, sometimes a sentence.
    CASE WHEN result = 'failure' THEN coalesce(
      CASE WHEN NOT contains(result_reason, ' ') THEN result_reason END, result_word) END
      AS error_code,
    CASE WHEN result = 'failure' THEN result_reason END AS error_message,
    CASE initiator_type
      WHEN 'User'
        THEN coalesce('azure:user:' || lower(user_id), 'azure:upn:' || lower(user_upn))
      WHEN 'ServicePrincipal' THEN 'azure:sp:' || lower(app_sp_id)
      WHEN 'Application' THEN 'azure:app:' || lower(app_id)
      WHEN 'Service' THEN 'azure:service:' || app_name END AS actor_id,
    CASE WHEN initiator_type = 'User' THEN user_upn ELSE coalesce(app_sp_name, app_name) END
      AS actor_arn,
    initiator_type AS actor_principal_type,
    CASE initiator_type
      WHEN 'ServicePrincipal' THEN 'machine'
      WHEN 'Application' THEN 'machine'
      WHEN 'Service' THEN 'service'
      ELSE 'unknown' END AS actor_type,
    NULL::VARCHAR AS credential_id,
    NULL::VARCHAR AS session_id,
    NULL::VARCHAR AS session_name,
    coalesce(${ipSql('user_ip')}, ${ipSql('caller_ip')}) AS src_ip,
    NULL::VARCHAR AS src_service,
    NULL::INTEGER AS src_asn,
    NULL::VARCHAR AS src_as_name,
    NULL::VARCHAR AS src_country,
    coalesce(user_agent, detail_values[list_position(detail_keys, 'User-Agent')])
      AS user_agent,
    CASE WHEN operation_type IN ('Add', 'Update', 'Delete', 'Assign', 'Unassign')
      THEN false END AS read_only,
    list_filter(coalesce(json_extract_string(targets, '$[*].id'), []::VARCHAR[]),
      x -> x IS NOT NULL AND x <> '') AS resources,
    NULL::VARCHAR AS shared_event_id,
    file_id,
    record_index,
    raw,
    activity IS NOT NULL AS valid
  FROM judged`;
}
