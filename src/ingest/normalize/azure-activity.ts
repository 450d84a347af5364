/**
 * Azure Activity log record → `events` row, in DuckDB SQL, for the shapes it reaches
 * responders in:
 *
 * - Log Analytics `AzureActivity` rows: EventDataId, TimeGenerated, OperationNameValue,
 *   CategoryValue, ResourceProviderValue, ActivityStatusValue, ActivitySubstatusValue,
 *   Caller, CallerIpAddress, Claims / Claims_d, Authorization / Authorization_d,
 *   SubscriptionId, ResourceId (`TenantId` is the workspace, so it is not read).
 * - The Activity Log REST API / `az monitor activity-log list` (EventData): eventDataId,
 *   eventTimestamp, operationName.value, category.value, status.value, caller, claims,
 *   authorization, httpRequest.clientIpAddress, subscriptionId, resourceProviderName.
 * - Diagnostic-setting records (storage account, Event Hub): time, resourceId,
 *   operationName, category, resultType, resultSignature, callerIpAddress, location,
 *   identity {claims, authorization}, properties. Other Azure resource logs in the
 *   common schema (Storage, Key Vault) share these fields and are read the same way.
 *
 * Resource Manager names are case-insensitive and each shape spells them its own way
 * (Log Analytics upper-cases OperationNameValue and ResourceId, the REST API keeps the
 * provider's casing), so action, service and resource ids are lower-cased: one
 * operation, one spelling. `raw` keeps the original.
 */
import { eventUidSql, ipSql, listOfSql, selectFields, timeSql } from './azure-json.js';

const SCALARS = {
  event_id: ['$.EventDataId', '$.eventDataId', '$.properties.eventDataId'],
  event_time: ['$.TimeGenerated', '$.eventTimestamp', '$.time', '$.submissionTimestamp'],
  operation: [
    '$.OperationNameValue',
    '$.operationName.value',
    '$.operationName',
    '$.operationname',
    '$.OperationName',
  ],
  category: [
    '$.CategoryValue',
    '$.category.value',
    '$.category',
    '$.Category',
    '$.properties.eventCategory',
  ],
  provider: ['$.ResourceProviderValue', '$.resourceProviderName.value'],
  status: ['$.ActivityStatusValue', '$.status.value', '$.resultType', '$.resulttype'],
  sub_status: [
    '$.ActivitySubstatusValue',
    '$.subStatus.value',
    '$.resultSignature',
    '$.resultsignature',
    '$.statusText',
  ],
  http_status: ['$.statusCode'],
  response_type: ['$.properties.metricResponseType'],
  description: ['$.resultDescription', '$.description'],
  caller: ['$.Caller', '$.caller'],
  caller_ip: [
    '$.CallerIpAddress',
    '$.callerIpAddress',
    '$.calleripaddress',
    '$.httpRequest.clientIpAddress',
  ],
  subscription: ['$.SubscriptionId', '$.subscriptionId', '$._SubscriptionId'],
  resource_path: ['$.ResourceId', '$.resourceId', '$.resourceid', '$._ResourceId'],
  tenant: ['$.tenantId', '$.tenantid'],
  location: ['$.properties.resourceLocation', '$.location'],
  user_agent: ['$.properties.userAgentHeader'],
  // Storage resource logs name the caller in identity.requester, or only a key hash.
  token_hash: ['$.identity.tokenHash'],
  requester_oid: ['$.identity.requester.objectId'],
  requester_upn: ['$.identity.requester.upn'],
  requester_app: ['$.identity.requester.appId'],
};

const OBJECTS = {
  claims: ['$.Claims_d', '$.Claims', '$.claims', '$.identity.claims'],
  authz: [
    '$.Authorization_d',
    '$.Authorization',
    '$.authorization',
    '$.identity.authorization',
  ],
};

// JWT claims of the caller's token, as Azure Resource Manager logs them.
const CLAIM_PATHS = [
  '$."http://schemas.microsoft.com/identity/claims/objectidentifier"',
  '$.oid',
  '$."http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"',
  '$.upn',
  '$.unique_name',
  '$.name',
  '$.appid',
  '$.idtyp',
  '$.xms_mirid',
  '$."http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"',
  '$.ipaddr',
];

const GUID_RE = `'^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$'`;

/** Normalized rows (with `valid`) from a relation of staged Azure Activity records. */
export function azureActivityRows(relation: string): string {
  const claims = CLAIM_PATHS.map((p) => `'${p}'`).join(', ');
  return `
  WITH fields AS (${selectFields(relation, SCALARS, OBJECTS)}),
  claimed AS (
    SELECT *, json_extract_string(claims, [${claims}]) AS c,
      json_extract_string(authz, '$.evidence.principalId') AS evidence_id,
      json_extract_string(authz, '$.evidence.principalType') AS evidence_type,
      CASE WHEN regexp_matches(caller, ${GUID_RE}) THEN caller END AS caller_guid
    FROM fields
  ),
  principal AS (
    SELECT *,
      coalesce(nullif(c[1], ''), nullif(c[2], ''),
        CASE WHEN evidence_type IN ('User', 'ServicePrincipal') THEN evidence_id END,
        requester_oid, caller_guid) AS p_oid,
      coalesce(nullif(c[3], ''), nullif(c[4], ''), nullif(c[5], ''), requester_upn,
        CASE WHEN contains(caller, '@') THEN caller END,
        CASE WHEN contains(c[6], '@') THEN c[6] END) AS p_upn,
      coalesce(nullif(c[7], ''), requester_app) AS p_app,
      c[8] AS idtyp, nullif(c[9], '') AS mi_resource,
      coalesce(nullif(c[10], ''), caller) AS p_label, c[11] AS claim_ip
    FROM claimed
  ),
  judged AS (
    SELECT *,
      CASE
        WHEN mi_resource IS NOT NULL THEN 'ManagedIdentity'
        WHEN idtyp = 'app' THEN 'ServicePrincipal'
        WHEN idtyp = 'user' OR p_upn IS NOT NULL THEN 'User'
        WHEN evidence_type IN ('User', 'ServicePrincipal') THEN evidence_type
        -- An Azure Resource Manager token without a user name is an application's.
        WHEN p_oid IS NOT NULL OR p_app IS NOT NULL THEN 'ServicePrincipal'
        WHEN starts_with(p_label, 'Microsoft.') THEN 'Service' END AS principal_type,
      CASE
        WHEN lower(status) IN ('failed', 'failure') OR TRY_CAST(http_status AS INTEGER) >= 400
          OR response_type <> 'Success' THEN 'failure'
        WHEN coalesce(status, http_status, response_type) IS NOT NULL THEN 'success' END
        AS result
    FROM principal
  )
  SELECT
    ${eventUidSql('azure_activity', 'lower(event_id)')} AS event_uid,
    ${timeSql('event_time')} AS time,
    'azure' AS cloud,
    'azure_activity' AS source,
    lower(coalesce(subscription,
      nullif(regexp_extract(resource_path, '(?i)^/subscriptions/([^/]+)', 1), ''), tenant))
      AS account,
    nullif(location, '') AS region,
    lower(coalesce(provider,
      nullif(regexp_extract(operation, '^([A-Za-z0-9]+\\.[A-Za-z0-9]+)/', 1), ''),
      nullif(regexp_extract(resource_path, '(?i)/providers/([^/]+)', 1), ''))) AS service,
    lower(operation) AS action,
    category AS event_type,
    result AS outcome,
    CASE WHEN result = 'failure'
      THEN coalesce(sub_status, http_status, response_type, status) END
      AS error_code,
    CASE WHEN result = 'failure' THEN description END AS error_message,
    CASE principal_type
      WHEN 'ManagedIdentity' THEN 'azure:mi:' || lower(p_oid)
      WHEN 'ServicePrincipal'
        THEN coalesce('azure:sp:' || lower(p_oid), 'azure:app:' || lower(p_app))
      WHEN 'User'
        THEN coalesce('azure:user:' || lower(p_oid), 'azure:upn:' || lower(p_upn))
      WHEN 'Service' THEN 'azure:service:' || p_label END AS actor_id,
    coalesce(p_upn, caller) AS actor_arn,
    principal_type AS actor_principal_type,
    CASE principal_type
      WHEN 'ManagedIdentity' THEN 'machine'
      WHEN 'ServicePrincipal' THEN 'machine'
      WHEN 'Service' THEN 'service'
      ELSE 'unknown' END AS actor_type,
    token_hash AS credential_id,
    NULL::VARCHAR AS session_id,
    NULL::VARCHAR AS session_name,
    coalesce(${ipSql('caller_ip')}, ${ipSql('claim_ip')}) AS src_ip,
    NULL::VARCHAR AS src_service,
    NULL::INTEGER AS src_asn,
    NULL::VARCHAR AS src_as_name,
    NULL::VARCHAR AS src_country,
    user_agent,
    CASE
      WHEN regexp_matches(operation, '(?i)/read$') OR category = 'StorageRead' THEN true
      WHEN regexp_matches(operation, '(?i)/(write|delete|action)$')
        OR category IN ('StorageWrite', 'StorageDelete') THEN false END AS read_only,
    ${listOfSql('lower(resource_path)')} AS resources,
    NULL::VARCHAR AS shared_event_id,
    file_id,
    record_index,
    raw,
    operation IS NOT NULL AS valid
  FROM judged`;
}
