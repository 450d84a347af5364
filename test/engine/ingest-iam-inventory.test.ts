import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import {
  FIXTURES,
  SHARED_DATA,
  rows,
  tempDir,
  withTempCase,
} from '../helpers/temp-case.js';

const IAM = path.join(FIXTURES, 'iam');
const PAGES = path.join(IAM, 'authorization-details-pages.json');
const REPORT_CSV = path.join(IAM, 'credential-report.csv');
const REPORT_API = path.join(IAM, 'credential-report-api.json');
const CLOUDSPLAINING = path.join(
  SHARED_DATA,
  'cloudsplaining-iam',
  'example.json@996ef75a.json',
);
const CLOUDSPLAINING_NEWER = path.join(SHARED_DATA, 'cloudsplaining-iam', 'example.json');
const CLOUDMAPPER = path.join(SHARED_DATA, 'cloudmapper-demo-iam');
const CLOUDMAPPER_AUTHZ = path.join(
  CLOUDMAPPER,
  'iam-get-account-authorization-details.json',
);
const CLOUDMAPPER_REPORT = path.join(CLOUDMAPPER, 'iam-get-credential-report.json');

const ACCOUNT = 'arn:aws:iam::200611803367';
const A = 'arn:aws:iam::111122223333';
const B = 'arn:aws:iam::222233334444';

type Json = Record<string, unknown>;

// Files made by a test live outside the case folder, which ingest never reads.
const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((d) => fs.rmSync(d, { recursive: true })));
function scratchFile(name: string, text: string): string {
  const dir = tempDir('keytrail-iam-');
  scratch.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const readJson = (file: string): Json =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
const list = (doc: Json, key: string): Json[] => (doc[key] as Json[] | undefined) ?? [];

/** Every inventory table's row count: what "adds nothing" is checked against. */
async function tableCounts(store: Parameters<typeof rows>[0]): Promise<Json> {
  const [counts] = await rows(
    store,
    `SELECT (SELECT count(*) FROM identities) AS identities,
      (SELECT count(*) FROM credentials) AS credentials,
      (SELECT count(*) FROM policies) AS policies,
      (SELECT count(*) FROM policy_statements) AS statements,
      (SELECT count(*) FROM policy_attachments) AS attachments,
      (SELECT count(*) FROM group_members) AS members,
      (SELECT count(*) FROM trusts) AS trusts,
      (SELECT count(*) FROM grants) AS grants`,
  );
  return counts ?? {};
}

describe('IAM authorization details', () => {
  it('reads both public samples, recognised from content, in both date styles', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [CLOUDSPLAINING, CLOUDMAPPER_AUTHZ]);
      expect(summary.failed).toEqual([]);
      const files = await rows(store, 'SELECT format, status FROM evidence_files');
      expect(files).toEqual([
        { format: 'aws-iam-authorization-details', status: 'ok' },
        { format: 'aws-iam-authorization-details', status: 'ok' },
      ]);

      const sample = readJson(CLOUDSPLAINING);
      const [count] = await rows(
        store,
        `SELECT count(*) FILTER (kind = 'user') AS users, count(*) FILTER (kind = 'role') AS roles,
           count(*) FILTER (kind = 'group') AS groups
         FROM identities WHERE in_inventory AND account = '200611803367'`,
      );
      expect(count).toEqual({
        users: BigInt(list(sample, 'UserDetailList').length),
        roles: BigInt(list(sample, 'RoleDetailList').length),
        groups: BigInt(list(sample, 'GroupDetailList').length),
      });

      // `2023-03-09 10:41:45+00:00` (cloudsplaining) and `2021-03-13T18:42:09+00:00`.
      const created = await rows(
        store,
        `SELECT name, created_at FROM identities
         WHERE name IN ('fn1-privesc3-partial-user', 'bad_role') ORDER BY name`,
      );
      expect(created.map((r) => [r.name, (r.created_at as Date).toISOString()])).toEqual([
        ['bad_role', '2018-11-20T17:14:45.000Z'],
        ['fn1-privesc3-partial-user', '2023-03-09T10:41:45.000Z'],
      ]);
    });
  });

  it('keeps every privesc principal of the cloudsplaining sample with its policies, grants and trusts', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [CLOUDSPLAINING]);
      const sample = readJson(CLOUDSPLAINING);
      const privesc = ['UserDetailList', 'RoleDetailList', 'GroupDetailList']
        .flatMap((key) => list(sample, key))
        .map((p) => String(p.Arn))
        .filter((arn) => /\/privesc/.test(arn));
      expect(privesc.length).toBeGreaterThan(60);
      const present = await rows(
        store,
        `SELECT identity_id FROM identities WHERE identity_id LIKE '%/privesc%' AND in_inventory`,
      );
      expect(present.map((r) => r.identity_id).sort()).toEqual(privesc.sort());

      const grant = await rows(
        store,
        `SELECT policy_name, effect, action, resource, via_group FROM grants
         WHERE identity_id = '${ACCOUNT}:user/privesc4-CreateAccessKey-user'`,
      );
      expect(grant).toEqual([
        {
          policy_name: 'privesc4-CreateAccessKey',
          effect: 'Allow',
          action: 'iam:CreateAccessKey',
          resource: '*',
          via_group: null,
        },
      ]);

      // Group membership: the SRE user holds the SRE group's policy.
      const viaGroup = await rows(
        store,
        `SELECT action FROM grants WHERE identity_id = '${ACCOUNT}:user/privesc-sre-user'
         AND via_group = '${ACCOUNT}:group/privesc-sre-group' ORDER BY action`,
      );
      expect(viaGroup.map((r) => r.action)).toEqual(['ec2:*', 'iam:*', 's3:*']);

      // Deny statements and NotAction are kept as written, not evaluated.
      const deny = await rows(
        store,
        `SELECT effect FROM grants WHERE identity_id = '${ACCOUNT}:user/fp1-allow-and-deny-user'
         ORDER BY effect`,
      );
      expect(deny.map((r) => r.effect)).toEqual(['Allow', 'Deny']);
      const notAction = await rows(
        store,
        `SELECT action, not_action FROM grants
         WHERE identity_id = '${ACCOUNT}:user/fn4-exploitableNotAction-user' ORDER BY action`,
      );
      expect(notAction).toEqual([
        { action: 'iam:Attach*', not_action: true },
        { action: 'iam:Create*', not_action: true },
        { action: 'iam:Update*', not_action: true },
      ]);

      const trusts = await rows(
        store,
        `SELECT role_id, principal_type, principal, federation, has_condition FROM trusts
         WHERE role_id IN ('${ACCOUNT}:role/privesc-sre-role',
           '${ACCOUNT}:role/privesc-permissive-role-trust',
           '${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc')
         ORDER BY role_id`,
      );
      expect(trusts).toEqual([
        {
          role_id: `${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc`,
          principal_type: 'Federated',
          principal: `${ACCOUNT}:saml-provider/AWSSSO_b937d2dff24f2774_DO_NOT_DELETE`,
          federation: 'saml',
          has_condition: true,
        },
        {
          role_id: `${ACCOUNT}:role/privesc-permissive-role-trust`,
          principal_type: 'AWS',
          principal: `${ACCOUNT}:root`,
          federation: null,
          has_condition: false,
        },
        {
          role_id: `${ACCOUNT}:role/privesc-sre-role`,
          principal_type: 'AWS',
          principal: `${ACCOUNT}:user/privesc-sre-user`,
          federation: null,
          has_condition: false,
        },
      ]);
      const services = await rows(
        store,
        `SELECT principal FROM trusts WHERE role_id = '${ACCOUNT}:role/privesc-high-priv-service-role'`,
      );
      expect(services.map((r) => r.principal)).toContain('lambda.amazonaws.com');
      expect(services).toHaveLength(10);

      const [admin] = await rows(
        store,
        `SELECT p.kind, count(a.identity_id) AS attached FROM policies p
         JOIN policy_attachments a USING (policy_id)
         WHERE p.policy_id = 'arn:aws:iam::aws:policy/AdministratorAccess' GROUP BY p.kind`,
      );
      expect(admin?.kind).toBe('aws_managed');
      expect(Number(admin?.attached)).toBeGreaterThan(0);
    });
  });

  it('reads pages saved one after another, URL-encoded documents and Z dates', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [PAGES]);
      expect(summary.failed).toEqual([]);
      const [file] = await rows(store, 'SELECT format FROM evidence_files');
      expect(file?.format).toBe('aws-iam-authorization-details-pages');

      const [dana] = await rows(
        store,
        `SELECT kind, name, path, unique_id, created_at, permissions_boundary, tags::VARCHAR AS tags
         FROM identities WHERE identity_id = '${A}:user/people/dana'`,
      );
      expect(dana).toMatchObject({
        kind: 'user',
        name: 'dana',
        path: '/people/',
        unique_id: 'AIDAQDANAEXAMPLE0001',
        permissions_boundary: `${A}:policy/people-boundary`,
      });
      expect((dana?.created_at as Date).toISOString()).toBe('2022-04-11T08:30:00.000Z');
      expect(JSON.parse(String(dana?.tags))).toEqual([
        { Key: 'team', Value: 'platform' },
      ]);

      // Dana's own inline policy (URL-encoded), and her group's managed and inline ones.
      const grants = await rows(
        store,
        `SELECT policy_kind, effect, action, resource, via_group FROM grants
         WHERE identity_id = '${A}:user/people/dana' ORDER BY action`,
      );
      expect(grants).toEqual([
        {
          policy_kind: 'aws_managed',
          effect: 'Allow',
          action: '*',
          resource: '*',
          via_group: `${A}:group/admins`,
        },
        {
          policy_kind: 'inline',
          effect: 'Allow',
          action: 'iam:GetUser',
          resource: `${A}:user/people/\${aws:username}`,
          via_group: null,
        },
        {
          policy_kind: 'inline',
          effect: 'Allow',
          action: 'iam:ListAccessKeys',
          resource: `${A}:user/people/\${aws:username}`,
          via_group: null,
        },
        {
          policy_kind: 'inline',
          effect: 'Deny',
          action: 'organizations:LeaveOrganization',
          resource: '*',
          via_group: `${A}:group/admins`,
        },
      ]);

      // The default version (v2), not the first listed or the broader old one.
      const deploy = await rows(
        store,
        `SELECT DISTINCT action FROM grants WHERE identity_id = '${A}:user/legacy-backup'
         ORDER BY action`,
      );
      expect(deploy.map((r) => r.action)).toEqual([
        's3:GetObject',
        's3:PutObject',
        'sts:AssumeRole',
      ]);
      const [policy] = await rows(
        store,
        `SELECT default_version, document->>'$.Statement[0].Sid' AS sid FROM policies
         WHERE policy_id = '${A}:policy/deploy-artifacts'`,
      );
      expect(policy).toEqual({ default_version: 'v2', sid: 'Artifacts' });

      const [ci] = await rows(
        store,
        `SELECT principal_type, principal, federation, provider, actions, has_condition,
           condition->>'$.StringLike."token.actions.githubusercontent.com:sub"' AS sub
         FROM trusts WHERE role_id = '${A}:role/ci/github-actions-ci'`,
      );
      expect(ci).toEqual({
        principal_type: 'Federated',
        principal: `${A}:oidc-provider/token.actions.githubusercontent.com`,
        federation: 'oidc',
        provider: 'token.actions.githubusercontent.com',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        has_condition: true,
        sub: 'repo:acme/payments:*',
      });
      const partner = await rows(
        store,
        `SELECT principal, principal_account FROM trusts
         WHERE role_id = '${A}:role/partner-audit' ORDER BY principal`,
      );
      expect(partner).toEqual([
        { principal: '222233334444', principal_account: '222233334444' },
        {
          principal: 'arn:aws:iam::444455556666:root',
          principal_account: '444455556666',
        },
      ]);

      const [web] = await rows(
        store,
        `SELECT instance_profiles::VARCHAR AS profiles FROM identities
         WHERE identity_id = '${A}:role/web-server'`,
      );
      expect(JSON.parse(String(web?.profiles))).toEqual([
        `${A}:instance-profile/web-server`,
      ]);
      const [lastUsed] = await rows(
        store,
        `SELECT last_used_at, last_used_region FROM identities
         WHERE identity_id = '${A}:role/ci/github-actions-ci'`,
      );
      expect((lastUsed?.last_used_at as Date).toISOString()).toBe(
        '2024-09-02T10:03:30.000Z',
      );
      expect(lastUsed?.last_used_region).toBe('us-east-1');

      // Attached but not in `Policies`: named, without a document, so without grants.
      const [audit] = await rows(
        store,
        `SELECT document, (SELECT count(*) FROM grants WHERE policy_id = p.policy_id) AS n
         FROM policies p WHERE policy_id = 'arn:aws:iam::aws:policy/SecurityAudit'`,
      );
      expect(audit).toEqual({ document: null, n: 0n });
    });
  });

  it('merges inventories of several files, and reading the same facts again adds nothing', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [CLOUDSPLAINING, CLOUDSPLAINING_NEWER]);
      const arns = new Set(
        [CLOUDSPLAINING, CLOUDSPLAINING_NEWER].flatMap((file) => {
          const doc = readJson(file);
          return ['UserDetailList', 'RoleDetailList', 'GroupDetailList'].flatMap((key) =>
            list(doc, key).map((p) => String(p.Arn)),
          );
        }),
      );
      const [n] = await rows(
        store,
        'SELECT count(*) AS n FROM identities WHERE in_inventory',
      );
      expect(n?.n).toBe(BigInt(arns.size));
      const before = await tableCounts(store);

      // The same content under another hash (re-saved with a trailing newline).
      const copy = scratchFile(
        'resaved.json',
        fs.readFileSync(CLOUDSPLAINING_NEWER, 'utf8') + '\n',
      );
      const again = await ingestPaths(store, [copy]);
      expect(again.duplicate_files).toBe(0);
      expect(await tableCounts(store)).toEqual(before);
    });
  });

  it('moves last-used dates forward with a newer file and never back with an older one', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [PAGES]);
      const text = fs.readFileSync(PAGES, 'utf8');
      const variant = (date: string, name: string): string =>
        scratchFile(name, text.replace('2024-09-02T10:03:30Z', date));
      const lastUsed = async (): Promise<string> => {
        const [r] = await rows(
          store,
          `SELECT last_used_at FROM identities WHERE identity_id = '${A}:role/ci/github-actions-ci'`,
        );
        return (r?.last_used_at as Date).toISOString();
      };
      await ingestPaths(store, [variant('2024-10-01 08:00:00+00:00', 'newer.json')]);
      expect(await lastUsed()).toBe('2024-10-01T08:00:00.000Z');
      await ingestPaths(store, [variant('2024-01-01T00:00:00Z', 'older.json')]);
      expect(await lastUsed()).toBe('2024-10-01T08:00:00.000Z');
    });
  });
});

describe('IAM credential report', () => {
  it('reads the CSV: password, MFA, both key slots and certificates per user', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [REPORT_CSV]);
      expect(summary.failed).toEqual([]);
      const [file] = await rows(store, 'SELECT format FROM evidence_files');
      expect(file?.format).toBe('aws-credential-report-csv');

      const creds = await rows(
        store,
        `SELECT credential_id, kind, status, last_used_service, last_used_region
         FROM credentials WHERE identity_id = '${B}:user/ci-deployer' ORDER BY credential_id`,
      );
      expect(creds).toEqual([
        {
          credential_id: `${B}:user/ci-deployer#access_key_1`,
          kind: 'access_key',
          status: 'Active',
          last_used_service: 'ecr',
          last_used_region: 'eu-west-1',
        },
        {
          credential_id: `${B}:user/ci-deployer#access_key_2`,
          kind: 'access_key',
          status: 'Active',
          last_used_service: 'ecs',
          last_used_region: 'eu-west-1',
        },
        {
          credential_id: `${B}:user/ci-deployer#cert_1`,
          kind: 'certificate',
          status: 'Active',
          last_used_service: null,
          last_used_region: null,
        },
        {
          credential_id: `${B}:user/ci-deployer#mfa`,
          kind: 'mfa',
          status: 'Inactive',
          last_used_service: null,
          last_used_region: null,
        },
        {
          credential_id: `${B}:user/ci-deployer#password`,
          kind: 'password',
          status: 'Inactive',
          last_used_service: null,
          last_used_region: null,
        },
      ]);

      // Empty key slots make no row; root's password status is `not_supported`.
      const [bob] = await rows(
        store,
        `SELECT count(*) FILTER (kind = 'access_key') AS keys FROM credentials
         WHERE identity_id = '${B}:user/bob'`,
      );
      expect(bob?.keys).toBe(0n);
      const [root] = await rows(
        store,
        `SELECT i.kind, i.name, c.status, c.last_used_at FROM identities i
         JOIN credentials c ON c.identity_id = i.identity_id AND c.kind = 'password'
         WHERE i.identity_id = '${B}:root'`,
      );
      expect(root).toMatchObject({ kind: 'root', name: 'root', status: null });
      expect((root?.last_used_at as Date).toISOString()).toBe('2024-06-02T10:11:12.000Z');
      const [svc] = await rows(
        store,
        `SELECT name, in_inventory FROM identities WHERE identity_id = '${B}:user/system/svc-backup'`,
      );
      expect(svc).toEqual({ name: 'svc-backup', in_inventory: true });
    });
  });

  it('reads the API answer with base64 Content, and with plain-text Content', async () => {
    await withTempCase(async (store) => {
      const summary = await ingestPaths(store, [REPORT_API, CLOUDMAPPER_REPORT]);
      expect(summary.failed).toEqual([]);
      const formats = await rows(store, 'SELECT DISTINCT format FROM evidence_files');
      expect(formats).toEqual([{ format: 'aws-credential-report-json' }]);

      const [deployer] = await rows(
        store,
        `SELECT status_at, last_used_at FROM credentials
         WHERE credential_id = '${B}:user/ci-deployer#access_key_2'`,
      );
      expect((deployer?.status_at as Date).toISOString()).toBe(
        '2024-10-16T06:00:00.000Z',
      );
      expect((deployer?.last_used_at as Date).toISOString()).toBe(
        '2024-10-16T03:00:09.000Z',
      );

      const plain = await rows(
        store,
        `SELECT credential_id, status, last_used_service FROM credentials
         WHERE account = '123456789012' AND kind = 'access_key' ORDER BY credential_id`,
      );
      expect(plain).toEqual([
        {
          credential_id: 'arn:aws:iam::123456789012:root#access_key_1',
          status: 'Active',
          last_used_service: 'ecr',
        },
        {
          credential_id: 'arn:aws:iam::123456789012:user/auditor_tmp#access_key_1',
          status: 'Active',
          last_used_service: null,
        },
        {
          credential_id: 'arn:aws:iam::123456789012:user/user#access_key_1',
          status: 'Active',
          last_used_service: null,
        },
        {
          credential_id: 'arn:aws:iam::123456789012:user/user#access_key_2',
          status: 'Active',
          last_used_service: 's3',
        },
      ]);
    });
  });

  it('merges reports of different days the same way whatever the reading order', async () => {
    const facts = async (order: string[]): Promise<Record<string, unknown>[]> =>
      withTempCase(async (store) => {
        for (const file of order) await ingestPaths(store, [file]);
        return rows(
          store,
          `SELECT credential_id, status, last_used_at FROM credentials
           WHERE identity_id IN ('${B}:user/system/svc-backup', '${B}:user/ci-deployer')
             AND kind = 'access_key' ORDER BY credential_id`,
        );
      });
    const forward = await facts([REPORT_CSV, REPORT_API]);
    expect(await facts([REPORT_API, REPORT_CSV])).toEqual(forward);
    const byId = Object.fromEntries(forward.map((r) => [r.credential_id, r]));
    // The newer report turned svc-backup's key off and saw ci-deployer's keys used later.
    expect(byId[`${B}:user/system/svc-backup#access_key_1`]?.status).toBe('Inactive');
    expect(
      (byId[`${B}:user/ci-deployer#access_key_1`]?.last_used_at as Date).toISOString(),
    ).toBe('2024-10-16T03:00:04.000Z');
  });

  it('fails a report that lacks its identifying columns, alone and with a clear message', async () => {
    await withTempCase(async (store) => {
      const bad = scratchFile(
        'report.csv',
        'name,arn,user_creation_time,mfa_active\nx,arn:aws:iam::1:user/x,N/A,false\n',
      );
      const summary = await ingestPaths(store, [bad, REPORT_CSV]);
      expect(summary.failed).toHaveLength(1);
      expect(summary.failed[0]).toMatchObject({ code: 'invalid_input' });
      expect(summary.failed[0]?.message).toMatch(/user, password_enabled/);
    });
  });
});
