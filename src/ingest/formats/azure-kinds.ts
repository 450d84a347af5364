/**
 * How to tell Entra ID and Azure records from their keys, in each shape they reach
 * responders in: Log Analytics rows (PascalCase columns), Microsoft Graph objects
 * (camelCase), the Activity Log REST API, and diagnostic-setting records (the Azure
 * Monitor common schema: time, operationName, category, properties...).
 *
 * A file is named after its first record; records of another Azure log in the same
 * file (an Event Hub capture mixes categories) are routed by their content when they
 * are normalized (normalize/azure-route.ts), so these tests only pick the file's label
 * and the normalizer it starts from.
 */
import type { RecordKind } from './record-kinds.js';

type Keys = ReadonlySet<string>;

const some = (keys: Keys, names: readonly string[]): boolean =>
  names.some((n) => keys.has(n));

/** Log Analytics sign-in tables: SigninLogs and the three AAD*SignInLogs. */
export function isSignInRow(keys: Keys): boolean {
  return (
    some(keys, [
      'AppId',
      'ServicePrincipalId',
      'UserPrincipalName',
      'ResourceIdentity',
    ]) &&
    some(keys, ['IPAddress', 'LocationDetails', 'CreatedDateTime', 'ResultType']) &&
    !isAuditRow(keys)
  );
}

/** Log Analytics AuditLogs. */
export function isAuditRow(keys: Keys): boolean {
  return (
    some(keys, ['ActivityDisplayName', 'ActivityDateTime']) ||
    (keys.has('InitiatedBy') && keys.has('TargetResources'))
  );
}

/** Log Analytics AzureActivity. */
export function isActivityRow(keys: Keys): boolean {
  return some(keys, [
    'OperationNameValue',
    'CategoryValue',
    'ResourceProviderValue',
    'ActivityStatusValue',
    'EventDataId',
  ]);
}

/** Microsoft Graph signIn (v1.0 and beta). */
function isGraphSignIn(keys: Keys): boolean {
  return (
    keys.has('createdDateTime') &&
    some(keys, ['appId', 'userPrincipalName', 'ipAddress', 'servicePrincipalId'])
  );
}

/** Microsoft Graph directoryAudit. */
function isGraphAudit(keys: Keys): boolean {
  return (
    some(keys, ['activityDisplayName', 'activityDateTime']) ||
    (keys.has('initiatedBy') && keys.has('targetResources'))
  );
}

/** Activity Log REST API EventData (also `az monitor activity-log list`). */
function isActivityEventData(keys: Keys): boolean {
  return (
    keys.has('eventDataId') ||
    keys.has('submissionTimestamp') ||
    (keys.has('eventTimestamp') && keys.has('operationName'))
  );
}

/**
 * A diagnostic-setting record in the common schema. Some exporters lower-case every
 * key (`operationname`), so both spellings count.
 */
function isDiagnosticRecord(keys: Keys): boolean {
  return (
    some(keys, ['time', 'Time']) &&
    some(keys, ['operationName', 'operationname']) &&
    some(keys, ['resourceId', 'resourceid', 'category', 'properties'])
  );
}

const entraSignIn: RecordKind = {
  source: 'entra_signin',
  matches: (keys) => isSignInRow(keys) || isGraphSignIn(keys),
};

const entraAudit: RecordKind = {
  source: 'entra_audit',
  matches: (keys) => isAuditRow(keys) || isGraphAudit(keys),
};

const azureActivity: RecordKind = {
  source: 'azure_activity',
  matches: (keys) => isActivityRow(keys) || isActivityEventData(keys),
};

/**
 * Entra writes `Level` with a capital L in its diagnostic records, the Activity log
 * `level`. Entra sign-in records carry the caller's country in `location`, audit records
 * do not. These only label the file: each record is routed by its category later.
 */
const azureDiagnostic: RecordKind = {
  source: 'azure_activity',
  matches: (keys) => isDiagnosticRecord(keys) && !keys.has('Level'),
};

const entraDiagnosticSignIn: RecordKind = {
  source: 'entra_signin',
  matches: (keys) =>
    isDiagnosticRecord(keys) && keys.has('Level') && keys.has('location'),
};

const entraDiagnosticAudit: RecordKind = {
  source: 'entra_audit',
  matches: (keys) => isDiagnosticRecord(keys) && keys.has('Level'),
};

/** In order: the specific shapes first, the common diagnostic schema last. */
export const AZURE_RECORD_KINDS: readonly RecordKind[] = [
  entraSignIn,
  entraAudit,
  azureActivity,
  entraDiagnosticSignIn,
  entraDiagnosticAudit,
  azureDiagnostic,
];
