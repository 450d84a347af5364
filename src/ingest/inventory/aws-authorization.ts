/**
 * `aws iam get-account-authorization-details` (IAM API GetAccountAuthorizationDetails):
 * UserDetailList, GroupDetailList, RoleDetailList (with AssumeRolePolicyDocument,
 * InstanceProfileList, RoleLastUsed), Policies (with PolicyVersionList), inline
 * UserPolicyList/GroupPolicyList/RolePolicyList and AttachedManagedPolicies. A file may
 * hold several pages one after another; they make one inventory.
 */
import { KeytrailError } from '../../errors.js';
import { concatenatedValues } from '../json-scan.js';
import {
  statementRows,
  trustRows,
  type StatementRow,
  type TrustRow,
} from './aws-statements.js';
import {
  arnAccount,
  isObject,
  isoTime,
  objects,
  policyDocument,
  str,
  strings,
  type JsonObject,
} from './aws-values.js';

export interface IdentityRow {
  identity_id: string;
  kind: string;
  name: string | null;
  account: string | null;
  created_at: string | null;
  arn: string;
  path: string | null;
  unique_id: string | null;
  tags: unknown[] | null;
  permissions_boundary: string | null;
  instance_profiles: string[] | null;
  last_used_at: string | null;
  last_used_region: string | null;
}

export interface PolicyRow {
  policy_id: string;
  policy_arn: string | null;
  name: string;
  kind: string;
  owner_id: string | null;
  account: string | null;
  default_version: string | null;
  /** JSON columns travel as values (see json-rows.ts). */
  document: JsonObject | null;
  created_at: string | null;
  updated_at: string | null;
}

export interface AuthorizationInventory {
  identities: Map<string, IdentityRow>;
  /** Policies with their document (managed from `Policies`, and inline). */
  policies: Map<string, PolicyRow>;
  /** Managed policies attached but not listed in `Policies` (no document known). */
  namedPolicies: Map<string, PolicyRow>;
  attachments: { identity_id: string; policy_id: string }[];
  statements: StatementRow[];
  members: { group_id: string; identity_id: string }[];
  trusts: TrustRow[];
}

type Kind = 'user' | 'group' | 'role';

const LISTS: [string, Kind, string][] = [
  ['UserDetailList', 'user', 'UserPolicyList'],
  ['GroupDetailList', 'group', 'GroupPolicyList'],
  ['RoleDetailList', 'role', 'RolePolicyList'],
];

export function parseAuthorizationDetails(document: Buffer): AuthorizationInventory {
  const inv: AuthorizationInventory = {
    identities: new Map(),
    policies: new Map(),
    namedPolicies: new Map(),
    attachments: [],
    statements: [],
    members: [],
    trusts: [],
  };
  const pages = readPages(document);

  // Managed policies first, so that attachments can tell listed from merely named.
  for (const page of pages) {
    for (const p of objects(page.Policies)) addManagedPolicy(inv, p);
  }
  const groupArns = new Map<string, string>();
  for (const page of pages) {
    for (const g of objects(page.GroupDetailList)) {
      const name = str(g.GroupName);
      const arn = str(g.Arn);
      if (name && arn) groupArns.set(name, arn);
    }
  }
  for (const page of pages) {
    for (const [list, kind, inlineList] of LISTS) {
      for (const entry of objects(page[list])) {
        addPrincipal(inv, entry, kind, inlineList, groupArns);
      }
    }
  }
  return inv;
}

function readPages(document: Buffer): JsonObject[] {
  return concatenatedValues(document).map((range) => {
    let page: unknown;
    try {
      page = JSON.parse(document.toString('utf8', range.start, range.end));
    } catch (err) {
      throw new KeytrailError(
        'invalid_json',
        `The IAM authorization details are not valid JSON: ${(err as Error).message}`,
      );
    }
    if (!isObject(page)) {
      throw new KeytrailError(
        'invalid_input',
        'An IAM authorization page is not an object.',
      );
    }
    return page;
  });
}

function managedKind(arn: string): string {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn) ? 'aws_managed' : 'customer_managed';
}

function addManagedPolicy(inv: AuthorizationInventory, p: JsonObject): void {
  const arn = str(p.Arn);
  if (!arn || inv.policies.has(arn)) return;
  const defaultId = str(p.DefaultVersionId);
  const versions = objects(p.PolicyVersionList);
  const version =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => defaultId !== null && v.VersionId === defaultId) ??
    versions[0];
  const doc = version ? policyDocument(version.Document) : null;
  inv.policies.set(arn, {
    policy_id: arn,
    policy_arn: arn,
    name: str(p.PolicyName) ?? arn.replace(/^.*\//, ''),
    kind: managedKind(arn),
    owner_id: null,
    account: arnAccount(arn),
    default_version: defaultId ?? str(version?.VersionId),
    document: doc,
    created_at: isoTime(p.CreateDate),
    updated_at: isoTime(p.UpdateDate),
  });
  if (doc) inv.statements.push(...statementRows(arn, doc));
}

function addPrincipal(
  inv: AuthorizationInventory,
  entry: JsonObject,
  kind: Kind,
  inlineList: string,
  groupArns: Map<string, string>,
): void {
  const arn = str(entry.Arn);
  if (!arn || inv.identities.has(arn)) return;
  const account = arnAccount(arn);
  const nameKey =
    kind === 'user' ? 'UserName' : kind === 'group' ? 'GroupName' : 'RoleName';
  const idKey = kind === 'user' ? 'UserId' : kind === 'group' ? 'GroupId' : 'RoleId';
  const lastUsed = isObject(entry.RoleLastUsed) ? entry.RoleLastUsed : {};
  const boundary = isObject(entry.PermissionsBoundary) ? entry.PermissionsBoundary : {};
  const profiles = objects(entry.InstanceProfileList)
    .map((p) => str(p.Arn))
    .filter((p): p is string => p !== null);

  inv.identities.set(arn, {
    identity_id: arn,
    kind,
    name: str(entry[nameKey]),
    account,
    created_at: isoTime(entry.CreateDate),
    arn,
    path: str(entry.Path),
    unique_id: str(entry[idKey]),
    tags: Array.isArray(entry.Tags) ? entry.Tags : null,
    permissions_boundary: str(boundary.PermissionsBoundaryArn),
    instance_profiles: kind === 'role' ? profiles : null,
    last_used_at: isoTime(lastUsed.LastUsedDate),
    last_used_region: str(lastUsed.Region),
  });

  for (const inline of objects(entry[inlineList])) {
    const name = str(inline.PolicyName);
    const doc = policyDocument(inline.PolicyDocument);
    if (!name) continue;
    const policyId = `inline:${arn}:${name}`;
    inv.policies.set(policyId, {
      policy_id: policyId,
      policy_arn: null,
      name,
      kind: 'inline',
      owner_id: arn,
      account,
      default_version: null,
      document: doc,
      created_at: null,
      updated_at: null,
    });
    inv.attachments.push({ identity_id: arn, policy_id: policyId });
    if (doc) inv.statements.push(...statementRows(policyId, doc));
  }

  for (const attached of objects(entry.AttachedManagedPolicies)) {
    const policyArn = str(attached.PolicyArn);
    if (!policyArn) continue;
    inv.attachments.push({ identity_id: arn, policy_id: policyArn });
    if (!inv.policies.has(policyArn)) {
      inv.namedPolicies.set(policyArn, {
        policy_id: policyArn,
        policy_arn: policyArn,
        name: str(attached.PolicyName) ?? policyArn.replace(/^.*\//, ''),
        kind: managedKind(policyArn),
        owner_id: null,
        account: arnAccount(policyArn),
        default_version: null,
        document: null,
        created_at: null,
        updated_at: null,
      });
    }
  }

  if (kind === 'user') {
    for (const group of strings(entry.GroupList)) {
      // A group outside this export: its ARN is built without its path.
      const groupArn =
        groupArns.get(group) ?? `${arn.replace(/:user\/.*$/, ':group/')}${group}`;
      inv.members.push({ group_id: groupArn, identity_id: arn });
    }
  }
  if (kind === 'role') {
    const trust = policyDocument(entry.AssumeRolePolicyDocument);
    if (trust) inv.trusts.push(...trustRows(arn, trust));
  }
}
