/**
 * Writes a credential report into the case, inside the batch transaction. Reports of
 * different days merge: a status is replaced only by one at least as recent (status_at
 * is the report's time), and last-used dates only move forward, so the order in which
 * reports are read does not matter and reading one again changes nothing.
 */
import { parseCredentialReport } from './aws-credential-report.js';
import type { InventoryLoader } from './index.js';
import { insertRows } from './json-rows.js';

const IDENTITY_COLUMNS = {
  identity_id: 'VARCHAR',
  cloud: 'VARCHAR',
  kind: 'VARCHAR',
  name: 'VARCHAR',
  account: 'VARCHAR',
  created_at: 'TIMESTAMPTZ',
  arn: 'VARCHAR',
  in_inventory: 'BOOLEAN',
  inventory_file_id: 'INTEGER',
};

// The report knows less than authorization details: keep what it does not say.
const IDENTITY_UPSERT = `ON CONFLICT (identity_id) DO UPDATE SET
  kind = CASE WHEN identities.in_inventory THEN identities.kind ELSE excluded.kind END,
  name = coalesce(identities.name, excluded.name),
  account = coalesce(identities.account, excluded.account),
  created_at = coalesce(identities.created_at, excluded.created_at),
  arn = coalesce(identities.arn, excluded.arn),
  in_inventory = true,
  inventory_file_id = coalesce(identities.inventory_file_id, excluded.inventory_file_id)`;

const CREDENTIAL_COLUMNS = {
  credential_id: 'VARCHAR',
  cloud: 'VARCHAR',
  kind: 'VARCHAR',
  identity_id: 'VARCHAR',
  account: 'VARCHAR',
  status: 'VARCHAR',
  status_at: 'TIMESTAMPTZ',
  created_at: 'TIMESTAMPTZ',
  last_used_at: 'TIMESTAMPTZ',
  last_used_service: 'VARCHAR',
  last_used_region: 'VARCHAR',
  source: 'VARCHAR',
  in_inventory: 'BOOLEAN',
  file_id: 'INTEGER',
};

/** `newer` holds when this report is at least as recent as the row's facts. */
const NEWER = `(credentials.status_at IS NULL OR excluded.status_at >= credentials.status_at)`;

const CREDENTIAL_UPSERT = `ON CONFLICT (credential_id) DO UPDATE SET
  status = CASE WHEN ${NEWER} THEN excluded.status ELSE credentials.status END,
  created_at = CASE WHEN ${NEWER} THEN coalesce(excluded.created_at, credentials.created_at)
    ELSE coalesce(credentials.created_at, excluded.created_at) END,
  file_id = CASE WHEN ${NEWER} THEN excluded.file_id ELSE credentials.file_id END,
  last_used_service = CASE
    WHEN excluded.last_used_at >= coalesce(credentials.last_used_at, excluded.last_used_at)
    THEN excluded.last_used_service ELSE credentials.last_used_service END,
  last_used_region = CASE
    WHEN excluded.last_used_at >= coalesce(credentials.last_used_at, excluded.last_used_at)
    THEN excluded.last_used_region ELSE credentials.last_used_region END,
  last_used_at = greatest(credentials.last_used_at, excluded.last_used_at),
  status_at = greatest(credentials.status_at, excluded.status_at),
  in_inventory = true`;

export const loadCredentialReport: InventoryLoader = async (conn, fileId, document) => {
  const report = parseCredentialReport(document);
  const identities = new Map(report.identities.map((i) => [i.identity_id, i]));
  const credentials = new Map(report.credentials.map((c) => [c.credential_id, c]));

  await insertRows(
    conn,
    'identities',
    IDENTITY_COLUMNS,
    [...identities.values()].map((i) => ({
      ...i,
      cloud: 'aws',
      in_inventory: true,
      inventory_file_id: fileId,
    })),
    IDENTITY_UPSERT,
  );
  await insertRows(
    conn,
    'credentials',
    CREDENTIAL_COLUMNS,
    [...credentials.values()].map((c) => ({
      ...c,
      cloud: 'aws',
      source: 'credential_report',
      in_inventory: true,
      file_id: fileId,
    })),
    CREDENTIAL_UPSERT,
  );
};
