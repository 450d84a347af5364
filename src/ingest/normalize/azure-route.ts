/**
 * One file of Azure logs may hold several of them: an Event Hub capture or a storage
 * container mixes the diagnostic categories (SignInLogs next to AuditLogs), a Log
 * Analytics query can `union` tables, and a SIEM export keeps whatever it was sent. The
 * reader names one source per file from its first record, so the Entra and Azure
 * sources share this normalizer: it routes each record by what the record itself says
 * (Log Analytics `Type`, the diagnostic `category`, the fields only one log has) to the
 * sign-in, audit or activity normalizer, and falls back to the file's source.
 */
import type { EventSource } from '../formats/types.js';
import { azureActivityRows } from './azure-activity.js';
import { entraAuditRows } from './entra-audit.js';
import { entraSignInRows } from './entra-signin.js';

type AzureSource = Extract<
  EventSource,
  'entra_signin' | 'entra_audit' | 'azure_activity'
>;

const ROUTES: Record<AzureSource, (relation: string) => string> = {
  entra_signin: entraSignInRows,
  entra_audit: entraAuditRows,
  azure_activity: azureActivityRows,
};

// Read once per record, in this order: [1] Log Analytics table, [2..4] category, [5..7]
// audit-only activity names, [8..11] sign-in-only fields, [12..14] activity-only fields,
// [15..16] the resource id.
const ROUTE_PATHS = [
  '$.Type',
  '$.Category',
  '$.category',
  '$.category.value',
  '$.ActivityDisplayName',
  '$.activityDisplayName',
  '$.properties.activityDisplayName',
  '$.CreatedDateTime',
  '$.createdDateTime',
  '$.properties.createdDateTime',
  '$.signInEventTypes',
  '$.OperationNameValue',
  '$.EventDataId',
  '$.eventDataId',
  '$.resourceId',
  '$.ResourceId',
];

const SIGN_IN_TABLES = `('SigninLogs', 'AADNonInteractiveUserSignInLogs',
  'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs')`;
const SIGN_IN_CATEGORIES = `('SignInLogs', 'NonInteractiveUserSignInLogs',
  'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs')`;

const ROUTE_SQL = `CASE
    WHEN k[1] IN ${SIGN_IN_TABLES} THEN 'entra_signin'
    WHEN k[1] = 'AuditLogs' THEN 'entra_audit'
    WHEN k[1] = 'AzureActivity' THEN 'azure_activity'
    WHEN coalesce(k[2], k[3]) IN ${SIGN_IN_CATEGORIES} THEN 'entra_signin'
    WHEN coalesce(k[2], k[3]) = 'AuditLogs' OR coalesce(k[5], k[6], k[7]) IS NOT NULL
      THEN 'entra_audit'
    WHEN coalesce(k[8], k[9], k[10], k[11]) IS NOT NULL THEN 'entra_signin'
    WHEN coalesce(k[4], k[12], k[13], k[14]) IS NOT NULL
      OR regexp_matches(coalesce(k[15], k[16]), '(?i)^/subscriptions/') THEN 'azure_activity'
    END`;

/**
 * Normalized rows for staged records of any Entra or Azure source: every record goes to
 * exactly one of the three normalizers, so each is counted once.
 */
export function azureRows(relation: string): string {
  const paths = ROUTE_PATHS.map((p) => `'${p}'`).join(', ');
  const routed = `SELECT file_id, record_index, raw, coalesce(${ROUTE_SQL}, source) AS route
      FROM (SELECT *, json_extract_string(raw, [${paths}]) AS k FROM ${relation})`;
  const branches = Object.entries(ROUTES).map(([source, rows]) => {
    const relation = `(SELECT file_id, record_index, raw FROM azure_routed
      WHERE route = '${source}')`;
    return `SELECT * FROM (${rows(relation)})`;
  });
  return `WITH azure_routed AS MATERIALIZED (${routed})
    ${branches.join('\nUNION ALL BY NAME\n')}`;
}
