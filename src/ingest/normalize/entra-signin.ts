/**
 * Entra ID sign-in record → `events` row, in DuckDB SQL. One normalizer for the four
 * sign-in logs (interactive user, non-interactive user, service principal, managed
 * identity) in their three shapes:
 *
 * - Log Analytics rows: tables SigninLogs, AADNonInteractiveUserSignInLogs,
 *   AADServicePrincipalSignInLogs, AADManagedIdentitySignInLogs (Id, CreatedDateTime,
 *   TimeGenerated, Category, ResultType, Status, UserId, ServicePrincipalId, AppId,
 *   IPAddress, Location, LocationDetails, ServicePrincipalCredentialKeyId, ...). Their
 *   `TenantId` is the Log Analytics workspace, not the Entra tenant, so it is not read.
 * - Microsoft Graph `signIn` objects (id, createdDateTime, status.errorCode,
 *   location.countryOrRegion, signInEventTypes, managedServiceIdentity.msiType, ...).
 * - Diagnostic-setting records: time, category, tenantId, resultType, callerIpAddress,
 *   and the Graph fields under `properties`.
 */
import {
  countrySql,
  eventUidSql,
  ipSql,
  listOfSql,
  selectFields,
  tenantOfResourceSql,
  timeSql,
} from './azure-json.js';

const SCALARS = {
  id: ['$.Id', '$.id', '$.properties.id'],
  created: [
    '$.CreatedDateTime',
    '$.createdDateTime',
    '$.properties.createdDateTime',
    '$.TimeGenerated',
    '$.time',
  ],
  log_table: ['$.Type'],
  category: ['$.Category', '$.category'],
  user_id: ['$.UserId', '$.userId', '$.properties.userId'],
  upn: ['$.UserPrincipalName', '$.userPrincipalName', '$.properties.userPrincipalName'],
  sp_id: [
    '$.ServicePrincipalId',
    '$.servicePrincipalId',
    '$.properties.servicePrincipalId',
  ],
  sp_name: [
    '$.ServicePrincipalName',
    '$.servicePrincipalName',
    '$.properties.servicePrincipalName',
  ],
  app_id: ['$.AppId', '$.appId', '$.properties.appId'],
  app_name: ['$.AppDisplayName', '$.appDisplayName', '$.properties.appDisplayName'],
  key_id: [
    '$.ServicePrincipalCredentialKeyId',
    '$.servicePrincipalCredentialKeyId',
    '$.properties.servicePrincipalCredentialKeyId',
  ],
  thumbprint: [
    '$.ServicePrincipalCredentialThumbprint',
    '$.servicePrincipalCredentialThumbprint',
    '$.properties.servicePrincipalCredentialThumbprint',
  ],
  federated_id: [
    '$.FederatedCredentialId',
    '$.federatedCredentialId',
    '$.properties.federatedCredentialId',
  ],
  msi_type: [
    '$.managedServiceIdentity.msiType',
    '$.properties.managedServiceIdentity.msiType',
    '$.properties.managedIdentityType',
  ],
  is_interactive: ['$.IsInteractive', '$.isInteractive', '$.properties.isInteractive'],
  result_type: ['$.ResultType', '$.resultType', '$.resulttype'],
  result_description: ['$.ResultDescription', '$.resultDescription'],
  ip: [
    '$.IPAddress',
    '$.ipAddress',
    '$.properties.ipAddress',
    '$.callerIpAddress',
    '$.calleripaddress',
  ],
  location_code: ['$.Location', '$.location'],
  asn: [
    '$.AutonomousSystemNumber',
    '$.autonomousSystemNumber',
    '$.properties.autonomousSystemNumber',
  ],
  aad_tenant: ['$.AADTenantId', '$.tenantId', '$.tenantid'],
  resource_path: ['$.ResourceId', '$.resourceId', '$.resourceid', '$._ResourceId'],
  resource_tenant: [
    '$.ResourceTenantId',
    '$.resourceTenantId',
    '$.properties.resourceTenantId',
  ],
  target: ['$.ResourceIdentity', '$.properties.resourceId', '$.resourceId'],
  user_agent: ['$.UserAgent', '$.userAgent', '$.properties.userAgent'],
  session: ['$.SessionId', '$.sessionId', '$.properties.sessionId'],
};

const OBJECTS = {
  status: ['$.Status', '$.status', '$.properties.status'],
  location_details: ['$.LocationDetails', '$.location', '$.properties.location'],
  event_types: [
    '$.SignInEventTypes',
    '$.signInEventTypes',
    '$.properties.signInEventTypes',
  ],
};

// The category names of the diagnostic settings, which also fill `Category` in Log
// Analytics; the table (`Type`) and Graph's signInEventTypes say the same in other words.
const CATEGORY_SQL = `CASE
    WHEN log_table = 'AADServicePrincipalSignInLogs' OR category = 'ServicePrincipalSignInLogs'
      THEN 'ServicePrincipalSignInLogs'
    WHEN log_table = 'AADManagedIdentitySignInLogs' OR category = 'ManagedIdentitySignInLogs'
      THEN 'ManagedIdentitySignInLogs'
    WHEN log_table = 'AADNonInteractiveUserSignInLogs' OR category = 'NonInteractiveUserSignInLogs'
      THEN 'NonInteractiveUserSignInLogs'
    WHEN log_table = 'SigninLogs' OR category = 'SignInLogs' THEN 'SignInLogs'
    WHEN list_contains(types, 'managedIdentity') OR msi_type NOT IN ('none', 'None')
      THEN 'ManagedIdentitySignInLogs'
    WHEN list_contains(types, 'servicePrincipal') THEN 'ServicePrincipalSignInLogs'
    WHEN list_contains(types, 'nonInteractiveUser') THEN 'NonInteractiveUserSignInLogs'
    WHEN list_contains(types, 'interactiveUser') THEN 'SignInLogs'
    WHEN user_id IS NULL AND upn IS NULL AND sp_id IS NOT NULL THEN 'ServicePrincipalSignInLogs'
    WHEN lower(is_interactive) = 'false' THEN 'NonInteractiveUserSignInLogs'
    ELSE 'SignInLogs' END`;

/** Normalized rows (with `valid`) from a relation of staged Entra sign-in records. */
export function entraSignInRows(relation: string): string {
  return `
  WITH fields AS (${selectFields(relation, SCALARS, OBJECTS)}),
  typed AS (
    SELECT *, json_extract_string(event_types, '$[*]') AS types,
      json_extract_string(status, '$.errorCode') AS status_code,
      json_extract_string(status, '$.failureReason') AS failure_reason
    FROM fields
  ),
  shaped AS (
    SELECT *, ${CATEGORY_SQL} AS sign_in_category,
      coalesce(status_code,
        CASE WHEN regexp_matches(result_type, '^-?[0-9]+$') THEN result_type END) AS code
    FROM typed
  ),
  judged AS (
    SELECT *,
      CASE
        WHEN code IS NOT NULL THEN CASE WHEN code = '0' THEN 'success' ELSE 'failure' END
        WHEN lower(result_type) IN ('success', 'succeeded') THEN 'success'
        WHEN lower(result_type) IN ('failure', 'failed') THEN 'failure' END AS result
    FROM shaped
  )
  SELECT
    ${eventUidSql('entra_signin', 'lower(id)')} AS event_uid,
    ${timeSql('created')} AS time,
    'azure' AS cloud,
    'entra_signin' AS source,
    lower(coalesce(aad_tenant, ${tenantOfResourceSql('resource_path')}, resource_tenant))
      AS account,
    NULL::VARCHAR AS region,
    coalesce(app_name, sp_name, app_id) AS service,
    'SignIn' AS action,
    sign_in_category AS event_type,
    result AS outcome,
    CASE WHEN result = 'failure' THEN coalesce(nullif(code, '0'), result_type) END
      AS error_code,
    CASE WHEN result = 'failure' THEN coalesce(failure_reason, result_description) END
      AS error_message,
    CASE sign_in_category
      WHEN 'ServicePrincipalSignInLogs'
        THEN coalesce('azure:sp:' || lower(sp_id), 'azure:app:' || lower(app_id))
      WHEN 'ManagedIdentitySignInLogs'
        THEN coalesce('azure:mi:' || lower(sp_id), 'azure:app:' || lower(app_id))
      ELSE coalesce('azure:user:' || lower(user_id), 'azure:upn:' || lower(upn)) END
      AS actor_id,
    CASE WHEN sign_in_category IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs')
      THEN sp_name ELSE upn END AS actor_arn,
    CASE sign_in_category
      WHEN 'ServicePrincipalSignInLogs' THEN 'ServicePrincipal'
      WHEN 'ManagedIdentitySignInLogs' THEN 'ManagedIdentity'
      ELSE 'User' END AS actor_principal_type,
    CASE sign_in_category
      WHEN 'ServicePrincipalSignInLogs' THEN 'machine'
      WHEN 'ManagedIdentitySignInLogs' THEN 'machine'
      WHEN 'SignInLogs' THEN 'human'
      ELSE 'unknown' END AS actor_type,
    CASE WHEN sign_in_category = 'ServicePrincipalSignInLogs'
      THEN lower(coalesce(key_id, thumbprint, federated_id)) END AS credential_id,
    session AS session_id,
    NULL::VARCHAR AS session_name,
    ${ipSql('ip')} AS src_ip,
    NULL::VARCHAR AS src_service,
    TRY_CAST(asn AS INTEGER) AS src_asn,
    NULL::VARCHAR AS src_as_name,
    coalesce(${countrySql(`json_extract_string(location_details, '$.countryOrRegion')`)},
      ${countrySql('location_code')}) AS src_country,
    user_agent,
    NULL::BOOLEAN AS read_only,
    ${listOfSql(`CASE WHEN NOT starts_with(target, '/') THEN target END`)} AS resources,
    NULL::VARCHAR AS shared_event_id,
    file_id,
    record_index,
    raw,
    coalesce(id, user_id, upn, sp_id, app_id) IS NOT NULL AS valid
  FROM judged`;
}
