import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { resolveCredentials } from '../../src/ingest/resolve/index.js';
import type { CaseStore } from '../../src/store/case-store.js';
import {
  FIXTURES,
  SHARED_DATA,
  rows,
  tempDir,
  withTempCase,
} from '../helpers/temp-case.js';

const LINEAGE = path.join(FIXTURES, 'lineage');
const CI_FILE = path.join(LINEAGE, 'github-oidc-ci-account.jsonl');
const DEPLOY_FILE = path.join(LINEAGE, 'github-oidc-deploy-account.json');
const BACKDOOR_FILE = path.join(LINEAGE, 'backdoor-user-key.json');
const TOKENS_FILE = path.join(LINEAGE, 'session-and-federation-tokens.json');
const LAMBDA_FILE = path.join(LINEAGE, 'console-and-lambda.json');
const REPORT_CSV = path.join(FIXTURES, 'iam', 'credential-report.csv');

const CI_ROLE = 'arn:aws:iam::111122223333:role/ci/github-actions-ci';
const OIDC =
  'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const DEPLOY_ROLE = 'arn:aws:iam::444455556666:role/deploy';
const K_CI = 'ASIAQCIEXAMPLE000001';
const K_DEPLOY = 'ASIAQDEPLOYEXAMPLE02';
const B = 'arn:aws:iam::222233334444';
const BACKDOOR = `${B}:user/system/svc-backup`;
const K_ALICE = 'AKIAQALICEEXAMPLE001';
const K_BACKDOOR = 'AKIAQBACKDOOREXAMP02';

const scratch: string[] = [];
afterEach(() => scratch.splice(0).forEach((d) => fs.rmSync(d, { recursive: true })));

/** A copy of a fixture's records without some events (by eventName), outside the case. */
function without(file: string, names: string[]): string {
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as { eventName: string }[];
  const dir = tempDir('keytrail-lineage-');
  scratch.push(dir);
  const out = path.join(dir, path.basename(file));
  fs.writeFileSync(
    out,
    JSON.stringify(records.filter((r) => !names.includes(r.eventName))),
  );
  return out;
}

async function chainOf(store: CaseStore, credential: string) {
  return rows(
    store,
    `SELECT c.hop, c.credential_id, c.identity_id, c.minted_by, c.subject, c.is_origin,
       c.origin_identity, e.action AS minted_by_action
     FROM credential_chain c LEFT JOIN events e ON e.event_uid = c.minted_by_event_uid
     WHERE start_credential_id = '${credential}' ORDER BY hop`,
  );
}

async function actorOf(store: CaseStore, action: string, account: string) {
  const [row] = await rows(
    store,
    `SELECT actor_id FROM events WHERE action = '${action}' AND account = '${account}'`,
  );
  return row?.actor_id;
}

describe('credential lineage', () => {
  it('walks a deploy session back through the CI role to the GitHub OIDC provider', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [CI_FILE, DEPLOY_FILE]);

      const [secret] = await rows(
        store,
        `SELECT actor_id, credential_id FROM events WHERE action = 'GetSecretValue'`,
      );
      expect(secret).toEqual({ actor_id: DEPLOY_ROLE, credential_id: K_DEPLOY });

      // The deploy account's own records name only the deploy role; the CI role and
      // the repository show up through the calls that minted each session.
      expect(await chainOf(store, K_DEPLOY)).toEqual([
        {
          hop: 0,
          credential_id: K_DEPLOY,
          identity_id: DEPLOY_ROLE,
          minted_by: CI_ROLE,
          subject: null,
          is_origin: false,
          origin_identity: OIDC,
          minted_by_action: 'AssumeRole',
        },
        {
          hop: 1,
          credential_id: K_CI,
          identity_id: CI_ROLE,
          minted_by: OIDC,
          subject: 'repo:acme/payments:ref:refs/heads/main',
          is_origin: true,
          origin_identity: OIDC,
          minted_by_action: 'AssumeRoleWithWebIdentity',
        },
      ]);

      const [session] = await rows(
        store,
        `SELECT kind, session_arn, session_name, created_at, expires_at, source
         FROM credentials WHERE credential_id = '${K_DEPLOY}'`,
      );
      expect(session).toMatchObject({
        kind: 'session',
        session_arn: 'arn:aws:sts::444455556666:assumed-role/deploy/ci-deploy-8841',
        session_name: 'ci-deploy-8841',
        source: 'cloudtrail:AssumeRole',
      });
      expect((session?.created_at as Date).toISOString()).toBe(
        '2024-09-02T10:01:05.000Z',
      );
      expect((session?.expires_at as Date).toISOString()).toBe(
        '2024-09-02T10:16:05.000Z',
      );

      // The web identity call is the provider's doing, and the provider is an identity.
      expect(await actorOf(store, 'AssumeRoleWithWebIdentity', '111122223333')).toBe(
        OIDC,
      );
      const [provider] = await rows(
        store,
        `SELECT kind, name FROM identities WHERE identity_id = '${OIDC}'`,
      );
      expect(provider).toEqual({
        kind: 'oidc_provider',
        name: 'token.actions.githubusercontent.com',
      });
    });
  });

  it('names the IAM OIDC provider when the record gives only its issuer URL', async () => {
    const dir = tempDir('keytrail-lineage-');
    scratch.push(dir);
    const file = path.join(dir, 'ci.jsonl');
    // Some records carry the token's `iss` rather than the provider ARN.
    fs.writeFileSync(
      file,
      fs
        .readFileSync(CI_FILE, 'utf8')
        .replaceAll(
          `"provider":"${OIDC}"`,
          '"provider":"https://token.actions.githubusercontent.com"',
        )
        .replaceAll(
          `"identityProvider":"${OIDC}"`,
          '"identityProvider":"token.actions.githubusercontent.com"',
        ),
    );
    await withTempCase(async (store) => {
      await ingestPaths(store, [file]);
      const [ci] = await rows(
        store,
        `SELECT minted_by FROM credentials WHERE credential_id = '${K_CI}'`,
      );
      expect(ci?.minted_by).toBe(OIDC);
    });
  });

  it('names the actor of calls that carry only a key, whatever the reading order', async () => {
    await withTempCase(async (store) => {
      // The deploy account first: its copy of the AssumeRole call and its S3 data event
      // name the caller only as account 111122223333 with key K_CI.
      await ingestPaths(store, [DEPLOY_FILE]);
      expect(await actorOf(store, 'GetObject', '444455556666')).toBe(
        'aws:account:111122223333',
      );
      const [early] = await rows(
        store,
        `SELECT minted_by, minted_with_credential FROM credentials
         WHERE credential_id = '${K_DEPLOY}'`,
      );
      expect(early).toEqual({
        minted_by: 'aws:account:111122223333',
        minted_with_credential: K_CI,
      });

      // Then the CI account's trail, where K_CI was minted for the CI role.
      await ingestPaths(store, [CI_FILE]);
      expect(await actorOf(store, 'GetObject', '444455556666')).toBe(CI_ROLE);
      expect(await actorOf(store, 'AssumeRole', '444455556666')).toBe(CI_ROLE);
      const chain = await chainOf(store, K_DEPLOY);
      expect(chain.map((h) => [h.credential_id, h.minted_by])).toEqual([
        [K_DEPLOY, CI_ROLE],
        [K_CI, OIDC],
      ]);
    });
  });

  it('ties a key created for a new user to that user, and to who created it', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [BACKDOOR_FILE]);
      const [key] = await rows(
        store,
        `SELECT kind, identity_id, minted_by, minted_with_credential, status, status_at,
           created_at, source
         FROM credentials WHERE credential_id = '${K_BACKDOOR}'`,
      );
      expect(key).toMatchObject({
        kind: 'access_key',
        identity_id: BACKDOOR,
        minted_by: `${B}:user/alice`,
        minted_with_credential: K_ALICE,
        status: 'Inactive',
        source: 'cloudtrail:CreateAccessKey',
      });
      expect((key?.created_at as Date).toISOString()).toBe('2024-10-14T21:40:09.000Z');
      expect((key?.status_at as Date).toISOString()).toBe('2024-10-15T08:12:44.000Z');

      // The partner account's trail names only the key.
      expect(await actorOf(store, 'GetObject', '999988887777')).toBe(BACKDOOR);
      const [user] = await rows(
        store,
        `SELECT created_by, created_at FROM identities WHERE identity_id = '${BACKDOOR}'`,
      );
      expect(user?.created_by).toBe(`${B}:user/alice`);

      // A long-lived key is where the chain stops.
      const chain = await chainOf(store, K_BACKDOOR);
      expect(chain.map((h) => [h.credential_id, h.is_origin, h.origin_identity])).toEqual(
        [[K_BACKDOOR, true, BACKDOOR]],
      );
    });
  });

  it('finds the new key’s user only through the minting calls when nothing else names it', async () => {
    await withTempCase(async (store) => {
      // No ListBuckets by the new user: only CreateUser and CreateAccessKey name it.
      await ingestPaths(store, [without(BACKDOOR_FILE, ['ListBuckets'])]);
      expect(await actorOf(store, 'GetObject', '999988887777')).toBe(BACKDOOR);
    });
    await withTempCase(async (store) => {
      // Without CreateUser either, the user's path comes from the inventory.
      await ingestPaths(store, [
        REPORT_CSV,
        without(BACKDOOR_FILE, ['ListBuckets', 'CreateUser']),
      ]);
      expect(await actorOf(store, 'GetObject', '999988887777')).toBe(BACKDOOR);

      // The report's key slot is that key: same user, created the same second.
      const keys = await rows(
        store,
        `SELECT credential_id, status, last_used_at, last_used_service, in_inventory
         FROM credentials WHERE identity_id = '${BACKDOOR}' AND kind = 'access_key'`,
      );
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({
        credential_id: K_BACKDOOR,
        // The report (as of 2024-10-14) said Active; the UpdateAccessKey is newer.
        status: 'Inactive',
        last_used_service: 's3',
        in_inventory: true,
      });
      expect((keys[0]?.last_used_at as Date).toISOString()).toBe(
        '2024-10-14T22:06:00.000Z',
      );
    });
  });

  it('follows GetSessionToken and GetFederationToken sessions to the user’s key', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [TOKENS_FILE]);
      const sts = await chainOf(store, 'ASIAQBOBSESSIONEX004');
      expect(
        sts.map((h) => [h.credential_id, h.identity_id, h.minted_by_action]),
      ).toEqual([
        ['ASIAQBOBSESSIONEX004', `${B}:user/bob`, 'GetSessionToken'],
        ['AKIAQBOBEXAMPLE00003', `${B}:user/bob`, null],
      ]);
      expect(sts[1]?.is_origin).toBe(true);

      const fed = await chainOf(store, 'ASIAQFEDERATEDEX0006');
      expect(
        fed.map((h) => [h.credential_id, h.identity_id, h.minted_by_action]),
      ).toEqual([
        ['ASIAQFEDERATEDEX0006', `${B}:user/carol`, 'GetFederationToken'],
        ['AKIAQCAROLEXAMPLE005', `${B}:user/carol`, null],
      ]);
      const [session] = await rows(
        store,
        `SELECT session_arn, session_name FROM credentials
         WHERE credential_id = 'ASIAQFEDERATEDEX0006'`,
      );
      expect(session).toEqual({
        session_arn: 'arn:aws:sts::222233334444:federated-user/contractor',
        session_name: 'contractor',
      });
    });
  });

  it('reads the federation token of the stratus-red-team detonation', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [
        path.join(
          SHARED_DATA,
          'stratus-red-team-detonation-logs',
          'aws.persistence.sts-federation-token.json',
        ),
      ]);
      const chain = await chainOf(store, 'ASIASTJKC5GCM7ZE6LUP');
      const user = 'arn:aws:iam::742491224508:user/stratus-red-team-user-federation-user';
      expect(chain.map((h) => [h.credential_id, h.identity_id, h.minted_by])).toEqual([
        ['ASIASTJKC5GCM7ZE6LUP', user, user],
        ['AKIA6V1GNZTT65XQH36M', user, null],
      ]);
    });
  });

  it('ends a chain at the AWS service that assumed the role', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [LAMBDA_FILE]);
      const chain = await chainOf(store, 'ASIAQLAMBDASESSION07');
      expect(chain).toHaveLength(1);
      expect(chain[0]).toMatchObject({
        identity_id: `${B}:role/service-role/thumbnailer`,
        minted_by: 'aws:service:lambda.amazonaws.com',
        origin_identity: 'aws:service:lambda.amazonaws.com',
      });
    });
  });

  it('changes nothing when resolved again or when the same files come again', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [LINEAGE, REPORT_CSV]);
      const snapshot = async () => ({
        credentials: await rows(
          store,
          'SELECT * FROM credentials ORDER BY credential_id',
        ),
        actors: await rows(
          store,
          'SELECT event_uid, actor_id FROM events ORDER BY event_uid',
        ),
      });
      const before = await snapshot();
      await resolveCredentials(store);
      expect(await snapshot()).toEqual(before);
      await ingestPaths(store, [LINEAGE, REPORT_CSV]);
      expect(await snapshot()).toEqual(before);
    });
  });

  it('stops at a loop of keys minting each other in hostile records', async () => {
    await withTempCase(async (store) => {
      await store.withConnection(async (conn) => {
        await conn.run(`INSERT INTO credentials (credential_id, cloud, kind, identity_id,
            minted_with_credential, source)
          VALUES ('ASIALOOPA', 'aws', 'session', 'r:a', 'ASIALOOPB', 'test'),
                 ('ASIALOOPB', 'aws', 'session', 'r:b', 'ASIALOOPA', 'test')`);
      });
      const chain = await chainOf(store, 'ASIALOOPA');
      expect(chain.map((h) => h.credential_id)).toEqual(['ASIALOOPA', 'ASIALOOPB']);
    });
  });
});
