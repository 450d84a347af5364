import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AROUND_THE_CLOCK_HOURS,
  classifyIdentity,
  type IdentityFacts,
} from '../../src/ingest/classify/rules.js';
import { readIdentityFacts } from '../../src/ingest/classify/facts.js';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { FIXTURES, SHARED_DATA, rows, withTempCase } from '../helpers/temp-case.js';

const NONE: IdentityFacts = {
  identityId: 'arn:aws:iam::111122223333:role/x',
  cloud: 'aws',
  kind: 'role',
  name: 'x',
  path: '/',
  trustPrincipals: 0,
  trustServices: [],
  trustOidc: [],
  trustSaml: 0,
  instanceProfiles: 0,
  passwordActive: null,
  activeKeys: 0,
  mfaActive: null,
  sessions: 0,
  webSessions: 0,
  samlSessions: 0,
  serviceSessions: 0,
  webProviders: [],
  sessionServices: [],
  sessionMinters: [],
  mintersAllMachine: false,
  events: 0,
  consoleLogins: 0,
  mfaLogins: 0,
  humanEvents: 0,
  machineEvents: 0,
  serviceEvents: 0,
  browserEvents: 0,
  sdkEvents: 0,
  activeHours: 0,
  activeDays: 0,
};

const GITHUB = 'token.actions.githubusercontent.com';
const user = { kind: 'user', identityId: 'arn:aws:iam::111122223333:user/u' };

// [what, facts that differ from NONE, is_machine, machine_reason]
const CASES: [string, Partial<IdentityFacts>, boolean | null, string][] = [
  [
    'an AWS service',
    {
      kind: 'aws_service',
      identityId: 'aws:service:lambda.amazonaws.com',
      name: 'lambda.amazonaws.com',
    },
    true,
    'AWS service (lambda.amazonaws.com) acting for the account',
  ],
  [
    'a role trusted only by Lambda',
    { trustPrincipals: 1, trustServices: ['lambda.amazonaws.com'] },
    true,
    'role trusted only by lambda.amazonaws.com',
  ],
  [
    'a role trusted by a service and an account',
    { trustPrincipals: 2, trustServices: ['lambda.amazonaws.com'] },
    null,
    'nothing in the inventory or the logs tells machine from human yet',
  ],
  [
    'a role assumable only through GitHub OIDC',
    { trustPrincipals: 1, trustOidc: [GITHUB] },
    true,
    `role assumed only through GitHub OIDC (${GITHUB})`,
  ],
  [
    'an IAM Identity Center role',
    { path: '/aws-reserved/sso.amazonaws.com/', trustPrincipals: 1, trustSaml: 1 },
    false,
    'role assumed through SAML single sign-on, by people',
  ],
  [
    'the role of an EC2 instance profile with a mixed trust',
    { trustPrincipals: 2, trustServices: ['ec2.amazonaws.com'], instanceProfiles: 1 },
    true,
    'role of an EC2 instance profile',
  ],
  [
    'a role whose logged sessions all came from GitHub OIDC',
    {
      sessions: 3,
      webSessions: 3,
      webProviders: [`arn:aws:iam::111122223333:oidc-provider/${GITHUB}`],
    },
    true,
    'role assumed only through GitHub OIDC in the logs',
  ],
  [
    'a role whose logged sessions all came from Lambda',
    {
      sessions: 2,
      serviceSessions: 2,
      sessionServices: ['aws:service:lambda.amazonaws.com'],
    },
    true,
    'role assumed only by lambda.amazonaws.com in the logs',
  ],
  [
    'a role assumed only by machines (second pass)',
    {
      sessions: 1,
      sessionMinters: ['arn:aws:iam::111122223333:role/ci/github-actions-ci'],
      mintersAllMachine: true,
    },
    true,
    'role assumed only by machine identities in the logs (github-actions-ci)',
  ],
  [
    'a user who signs in to the console with MFA',
    { ...user, consoleLogins: 2, mfaLogins: 2, activeKeys: 1 },
    false,
    'console login with MFA',
  ],
  [
    'a user who signs in to the console without MFA',
    { ...user, consoleLogins: 1 },
    false,
    'console login (without MFA)',
  ],
  [
    'a user with access keys and no console password',
    { ...user, activeKeys: 1, passwordActive: false },
    true,
    'user with access keys and no console password',
  ],
  [
    'a user with keys whose password is unknown',
    { ...user, activeKeys: 1 },
    null,
    'nothing in the inventory or the logs tells machine from human yet',
  ],
  [
    'a user with a password and MFA and no keys',
    { ...user, passwordActive: true, mfaActive: true },
    false,
    'console password with MFA and no access keys',
  ],
  [
    'a user making MFA-authenticated calls',
    { ...user, humanEvents: 4, activeKeys: 1, passwordActive: true },
    false,
    'MFA-authenticated calls in the logs',
  ],
  [
    'sessions named after EC2 instances',
    { machineEvents: 10 },
    true,
    'sessions named after EC2 instances',
  ],
  [
    'SDK calls around the clock',
    {
      ...user,
      events: 500,
      sdkEvents: 500,
      activeHours: AROUND_THE_CLOCK_HOURS + 4,
      activeDays: 3,
    },
    true,
    `only SDK or CLI user agents, active in ${AROUND_THE_CLOCK_HOURS + 4} different hours of the day`,
  ],
  [
    'SDK calls in office hours',
    { ...user, events: 50, sdkEvents: 50, activeHours: 8, activeDays: 3 },
    null,
    'nothing in the inventory or the logs tells machine from human yet',
  ],
  [
    'a GitHub OIDC provider',
    {
      kind: 'oidc_provider',
      identityId: `arn:aws:iam::111122223333:oidc-provider/${GITHUB}`,
    },
    true,
    'GitHub OIDC provider: workloads sign in with its tokens',
  ],
  [
    'a SAML provider',
    { kind: 'saml_provider', identityId: 'arn:aws:iam::111122223333:saml-provider/Okta' },
    false,
    'SAML identity provider: people signing in through single sign-on',
  ],
  [
    'a group',
    { kind: 'group' },
    null,
    'a group: it holds permissions and never acts itself',
  ],
  ['the root user', { kind: 'root' }, false, 'the account root user, held by a person'],
  [
    'an Entra service principal',
    { cloud: 'azure', kind: 'principal', identityId: 'azure:sp:5e6f7a8b' },
    true,
    'Entra service principal: an application identity',
  ],
  [
    'a Google service account',
    {
      cloud: 'gcp',
      kind: 'principal',
      identityId: 'gcp:sa:ci@p.iam.gserviceaccount.com',
    },
    true,
    'Google Cloud service account',
  ],
  [
    'an Entra user signing in interactively',
    { cloud: 'azure', kind: 'principal', identityId: 'azure:user:1a2b', humanEvents: 3 },
    false,
    'the logs record its calls as a person’s (interactive sign-in or user account)',
  ],
  [
    'an Azure service acting for the tenant',
    {
      cloud: 'azure',
      kind: 'principal',
      identityId: 'azure:service:x',
      serviceEvents: 2,
    },
    true,
    'a cloud service acting for the tenant or account, as the logs record it',
  ],
];

describe('machine or human: the rules', () => {
  it.each(CASES)('%s', (_what, facts, isMachine, reason) => {
    const result = classifyIdentity({ ...NONE, ...facts });
    expect({ isMachine: result.isMachine, reason: result.reason }).toEqual({
      isMachine,
      reason,
    });
  });

  it('prefers the trust policy over behaviour that could be faked', () => {
    const result = classifyIdentity({
      ...NONE,
      trustPrincipals: 1,
      trustServices: ['ecs-tasks.amazonaws.com'],
      consoleLogins: 1,
    });
    expect(result.rule).toBe('service-trust');
  });
});

describe('machine or human: in the case', () => {
  it('classifies every identity from inventories and logs, with its reason', async () => {
    await withTempCase(async (store) => {
      await ingestPaths(store, [
        path.join(FIXTURES, 'iam'),
        path.join(FIXTURES, 'lineage'),
        path.join(SHARED_DATA, 'cloudsplaining-iam', 'example.json@996ef75a.json'),
      ]);
      const found = await rows(
        store,
        `SELECT identity_id, is_machine, machine_reason FROM identities
         WHERE identity_id IN (
           'arn:aws:iam::111122223333:role/ci/github-actions-ci',
           'arn:aws:iam::111122223333:role/web-server',
           'arn:aws:iam::222233334444:user/ci-deployer',
           'arn:aws:iam::222233334444:user/alice',
           'arn:aws:iam::222233334444:role/service-role/thumbnailer',
           'arn:aws:iam::444455556666:role/deploy',
           'aws:service:lambda.amazonaws.com',
           'arn:aws:iam::200611803367:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ViewOnlyAccess_0ace44bbc7092ea8')
         ORDER BY identity_id`,
      );
      const byId = Object.fromEntries(
        found.map((r) => [r.identity_id, [r.is_machine, r.machine_reason]]),
      );
      expect(byId).toEqual({
        'arn:aws:iam::111122223333:role/ci/github-actions-ci': [
          true,
          `role assumed only through GitHub OIDC (${GITHUB})`,
        ],
        'arn:aws:iam::111122223333:role/web-server': [
          true,
          'role trusted only by ec2.amazonaws.com',
        ],
        'arn:aws:iam::200611803367:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ViewOnlyAccess_0ace44bbc7092ea8':
          [false, 'role assumed through SAML single sign-on, by people'],
        'arn:aws:iam::222233334444:role/service-role/thumbnailer': [
          true,
          'role assumed only by lambda.amazonaws.com in the logs',
        ],
        'arn:aws:iam::222233334444:user/alice': [false, 'console login with MFA'],
        'arn:aws:iam::222233334444:user/ci-deployer': [
          true,
          'user with access keys and no console password',
        ],
        'arn:aws:iam::444455556666:role/deploy': [
          true,
          'role assumed only by machine identities in the logs (github-actions-ci)',
        ],
        'aws:service:lambda.amazonaws.com': [
          true,
          'AWS service (lambda.amazonaws.com) acting for the account',
        ],
      });

      // The facts behind those sentences, as the rules read them.
      const facts = await store.withConnection(readIdentityFacts);
      const of = (id: string) => facts.find((f) => f.identityId === id);
      expect(of('arn:aws:iam::111122223333:role/ci/github-actions-ci')).toMatchObject({
        trustPrincipals: 1,
        trustOidc: [GITHUB],
        sessions: 1,
        webSessions: 1,
        events: 3,
        sdkEvents: 3,
        browserEvents: 0,
      });
      expect(of('arn:aws:iam::222233334444:user/alice')).toMatchObject({
        consoleLogins: 1,
        mfaLogins: 1,
        browserEvents: 1,
        passwordActive: true,
        mfaActive: true,
        activeKeys: 2,
      });
      expect(of('arn:aws:iam::444455556666:role/deploy')).toMatchObject({
        sessions: 1,
        sessionMinters: ['arn:aws:iam::111122223333:role/ci/github-actions-ci'],
      });

      const [unset] = await rows(
        store,
        'SELECT count(*) AS n FROM identities WHERE machine_reason IS NULL',
      );
      expect(unset?.n).toBe(0n);
    });
  });
});
