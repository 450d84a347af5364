/**
 * Writes an authorization-details inventory into the case, inside the batch transaction.
 *
 * Inventories from several files merge: an identity is one row whatever the number of
 * files that describe it, and the facts about it (attachments, inline policies, group
 * memberships, trust) come from the last file read that describes it, so reading a file
 * again changes nothing. Last-used dates only move forward.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  parseAuthorizationDetails,
  type AuthorizationInventory,
} from './aws-authorization.js';
import type { InventoryLoader } from './index.js';
import { ID_LIST_SQL, idList, insertRows } from './json-rows.js';

const IDENTITY_COLUMNS = {
  identity_id: 'VARCHAR',
  cloud: 'VARCHAR',
  kind: 'VARCHAR',
  name: 'VARCHAR',
  account: 'VARCHAR',
  created_at: 'TIMESTAMPTZ',
  arn: 'VARCHAR',
  path: 'VARCHAR',
  unique_id: 'VARCHAR',
  tags: 'JSON',
  permissions_boundary: 'VARCHAR',
  instance_profiles: 'JSON',
  last_used_at: 'TIMESTAMPTZ',
  last_used_region: 'VARCHAR',
  in_inventory: 'BOOLEAN',
  inventory_file_id: 'INTEGER',
};

const IDENTITY_UPSERT = `ON CONFLICT (identity_id) DO UPDATE SET
  kind = excluded.kind,
  name = coalesce(excluded.name, identities.name),
  account = coalesce(excluded.account, identities.account),
  created_at = coalesce(excluded.created_at, identities.created_at),
  arn = excluded.arn,
  path = coalesce(excluded.path, identities.path),
  unique_id = coalesce(excluded.unique_id, identities.unique_id),
  tags = coalesce(excluded.tags, identities.tags),
  permissions_boundary = excluded.permissions_boundary,
  instance_profiles = coalesce(excluded.instance_profiles, identities.instance_profiles),
  last_used_region = CASE
    WHEN excluded.last_used_at >= coalesce(identities.last_used_at, excluded.last_used_at)
    THEN excluded.last_used_region ELSE identities.last_used_region END,
  last_used_at = greatest(identities.last_used_at, excluded.last_used_at),
  in_inventory = true,
  inventory_file_id = excluded.inventory_file_id`;

const POLICY_COLUMNS = {
  policy_id: 'VARCHAR',
  policy_arn: 'VARCHAR',
  name: 'VARCHAR',
  kind: 'VARCHAR',
  owner_id: 'VARCHAR',
  account: 'VARCHAR',
  default_version: 'VARCHAR',
  document: 'JSON',
  created_at: 'TIMESTAMPTZ',
  updated_at: 'TIMESTAMPTZ',
  file_id: 'INTEGER',
};

const POLICY_UPSERT = `ON CONFLICT (policy_id) DO UPDATE SET
  policy_arn = excluded.policy_arn, name = excluded.name, kind = excluded.kind,
  owner_id = excluded.owner_id, account = excluded.account,
  default_version = excluded.default_version, document = excluded.document,
  created_at = excluded.created_at, updated_at = excluded.updated_at,
  file_id = excluded.file_id`;

const STATEMENT_COLUMNS = {
  policy_id: 'VARCHAR',
  statement_index: 'INTEGER',
  sid: 'VARCHAR',
  effect: 'VARCHAR',
  action: 'VARCHAR',
  not_action: 'BOOLEAN',
  resource: 'VARCHAR',
  not_resource: 'BOOLEAN',
  has_condition: 'BOOLEAN',
  condition: 'JSON',
};

const TRUST_COLUMNS = {
  role_id: 'VARCHAR',
  statement_index: 'INTEGER',
  effect: 'VARCHAR',
  principal_type: 'VARCHAR',
  principal: 'VARCHAR',
  principal_account: 'VARCHAR',
  federation: 'VARCHAR',
  provider: 'VARCHAR',
  actions: 'VARCHAR[]',
  has_condition: 'BOOLEAN',
  condition: 'JSON',
  file_id: 'INTEGER',
};

export const loadAuthorizationDetails: InventoryLoader = async (
  conn,
  fileId,
  document,
) => {
  const inv = parseAuthorizationDetails(document);
  const withFile = <T extends object>(rows: Iterable<T>) =>
    [...rows].map((r) => ({ ...r, file_id: fileId }));

  await insertRows(
    conn,
    'identities',
    IDENTITY_COLUMNS,
    [...inv.identities.values()].map((r) => ({
      ...r,
      cloud: 'aws',
      in_inventory: true,
      inventory_file_id: fileId,
    })),
    IDENTITY_UPSERT,
  );
  await forgetOldFacts(conn, inv);

  await insertRows(
    conn,
    'policies',
    POLICY_COLUMNS,
    withFile(inv.policies.values()),
    POLICY_UPSERT,
  );
  await insertRows(
    conn,
    'policies',
    POLICY_COLUMNS,
    withFile(inv.namedPolicies.values()),
    'ON CONFLICT (policy_id) DO NOTHING',
  );
  await insertRows(conn, 'policy_statements', STATEMENT_COLUMNS, inv.statements);
  await insertRows(
    conn,
    'policy_attachments',
    { identity_id: 'VARCHAR', policy_id: 'VARCHAR', file_id: 'INTEGER' },
    withFile(inv.attachments),
  );
  await insertRows(
    conn,
    'group_members',
    { group_id: 'VARCHAR', identity_id: 'VARCHAR', file_id: 'INTEGER' },
    withFile(inv.members),
  );
  await insertRows(conn, 'trusts', TRUST_COLUMNS, withFile(inv.trusts));
};

/** Facts this inventory restates: what an earlier file said about the same identities. */
async function forgetOldFacts(
  conn: DuckDBConnection,
  inv: AuthorizationInventory,
): Promise<void> {
  const all = [...inv.identities.values()];
  const ids = idList(all.map((i) => i.identity_id));
  const users = idList(all.filter((i) => i.kind === 'user').map((i) => i.identity_id));
  const roles = idList(all.filter((i) => i.kind === 'role').map((i) => i.identity_id));
  const documented = idList(inv.policies.keys());

  await conn.run(`DELETE FROM policy_attachments WHERE identity_id IN (${ID_LIST_SQL})`, [
    ids,
  ]);
  await conn.run(`DELETE FROM group_members WHERE identity_id IN (${ID_LIST_SQL})`, [
    users,
  ]);
  await conn.run(`DELETE FROM trusts WHERE role_id IN (${ID_LIST_SQL})`, [roles]);
  await conn.run(
    `DELETE FROM policy_statements WHERE policy_id IN (
       SELECT policy_id FROM policies WHERE kind = 'inline' AND owner_id IN (${ID_LIST_SQL}))`,
    [ids],
  );
  await conn.run(
    `DELETE FROM policies WHERE kind = 'inline' AND owner_id IN (${ID_LIST_SQL})`,
    [ids],
  );
  await conn.run(`DELETE FROM policy_statements WHERE policy_id IN (${ID_LIST_SQL})`, [
    documented,
  ]);
}
