/**
 * IAM principals of a scenario estate, and the `userIdentity` blocks CloudTrail writes
 * for them (CloudTrail "userIdentity element"). Identity blocks are built once per
 * credential or session and shared by every record that uses it; they are never mutated.
 */
import { accessKeyId, uniqueId } from './aws-ids.js';
import { isoSeconds } from './clock.js';
import type { JsonObject, UserIdentity } from './cloudtrail-record.js';
import type { Rng } from './random.js';

export interface IamUser {
  readonly kind: 'user';
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly userId: string;
  readonly arn: string;
  readonly createdAt: number;
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly user: IamUser;
  readonly createdAt: number;
}

export interface IamRole {
  readonly kind: 'role';
  readonly accountId: string;
  readonly name: string;
  readonly path: string;
  readonly roleId: string;
  readonly arn: string;
  readonly createdAt: number;
  /** Who may assume it: a service principal, an OIDC provider ARN, or a role ARN. */
  readonly trustedBy: string;
}

/** Temporary credentials from one AssumeRole*, and the identity block they produce. */
export interface RoleSession {
  readonly role: IamRole;
  readonly sessionName: string;
  readonly accessKeyId: string;
  readonly createdAt: number;
  readonly identity: UserIdentity;
}

export function makeUser(
  rng: Rng,
  accountId: string,
  name: string,
  createdAt: number,
  path = '/',
): IamUser {
  const arn = `arn:aws:iam::${accountId}:user${path}${name}`;
  return {
    kind: 'user',
    accountId,
    name,
    path,
    userId: uniqueId(rng, 'AIDA'),
    arn,
    createdAt,
  };
}

export function makeAccessKey(rng: Rng, user: IamUser, createdAt: number): AccessKey {
  return { accessKeyId: accessKeyId(rng, 'AKIA'), user, createdAt };
}

export function makeRole(
  rng: Rng,
  accountId: string,
  name: string,
  trustedBy: string,
  createdAt: number,
  path = '/',
): IamRole {
  const arn = `arn:aws:iam::${accountId}:role${path}${name}`;
  const roleId = uniqueId(rng, 'AROA');
  return { kind: 'role', accountId, name, path, roleId, arn, createdAt, trustedBy };
}

/** An IAM user calling with a long-term AKIA key. */
export function keyIdentity(key: AccessKey): UserIdentity {
  const { user } = key;
  return {
    type: 'IAMUser',
    principalId: user.userId,
    arn: user.arn,
    accountId: user.accountId,
    accessKeyId: key.accessKeyId,
    userName: user.name,
  };
}

/** An IAM user at sign-in: ConsoleLogin carries no access key. */
export function signInIdentity(user: IamUser): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: user.userId,
    arn: user.arn,
    accountId: user.accountId,
    userName: user.name,
  };
}

/** An IAM user's console session: ASIA keys minted by sign-in, MFA as attested. */
export function consoleIdentity(
  rng: Rng,
  user: IamUser,
  signedInAt: number,
  mfa: boolean,
): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: user.userId,
    arn: user.arn,
    accountId: user.accountId,
    accessKeyId: accessKeyId(rng, 'ASIA'),
    userName: user.name,
    sessionContext: {
      attributes: {
        creationDate: isoSeconds(signedInAt),
        mfaAuthenticated: mfa ? 'true' : 'false',
      },
    },
  };
}

export interface SessionOptions {
  /** For AssumeRoleWithWebIdentity sessions: the OIDC provider ARN. */
  federatedProvider?: string;
  mfa?: boolean;
}

export function startSession(
  rng: Rng,
  role: IamRole,
  sessionName: string,
  createdAt: number,
  options: SessionOptions = {},
): RoleSession {
  const keyId = accessKeyId(rng, 'ASIA');
  const webIdFederationData: JsonObject = options.federatedProvider
    ? { federatedProvider: options.federatedProvider, attributes: {} }
    : {};
  const base = {
    principalId: `${role.roleId}:${sessionName}`,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    accountId: role.accountId,
    accessKeyId: keyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role' as const,
        principalId: role.roleId,
        arn: role.arn,
        accountId: role.accountId,
        userName: role.name,
      },
      webIdFederationData,
      attributes: {
        creationDate: isoSeconds(createdAt),
        mfaAuthenticated: options.mfa ? ('true' as const) : ('false' as const),
      },
    },
  };
  const identity: UserIdentity = { type: 'AssumedRole', ...base };
  return { role, sessionName, accessKeyId: keyId, createdAt, identity };
}

const onBehalfCache = new WeakMap<UserIdentity, Map<string, UserIdentity>>();

/**
 * The identity as logged when an AWS service calls on the principal's behalf (S3 asking
 * KMS to decrypt, for instance): the same block with `invokedBy` last.
 */
export function onBehalf(identity: UserIdentity, service: string): UserIdentity {
  if (identity.type !== 'IAMUser' && identity.type !== 'AssumedRole') return identity;
  let byService = onBehalfCache.get(identity);
  if (!byService) {
    byService = new Map();
    onBehalfCache.set(identity, byService);
  }
  let found = byService.get(service);
  if (!found) {
    found = { ...identity, invokedBy: service };
    byService.set(service, found);
  }
  return found;
}

const serviceIdentities = new Map<string, UserIdentity>();

/** An AWS service acting for itself, e.g. lambda.amazonaws.com assuming a role. */
export function serviceIdentity(service: string): UserIdentity {
  let identity = serviceIdentities.get(service);
  if (!identity) {
    identity = { type: 'AWSService', invokedBy: service };
    serviceIdentities.set(service, identity);
  }
  return identity;
}

export function rootIdentity(accountId: string, consoleKeyId?: string): UserIdentity {
  return {
    type: 'Root',
    principalId: accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    accountId,
    accessKeyId: consoleKeyId,
  };
}

/** The caller of AssumeRoleWithWebIdentity, e.g. a GitHub Actions workflow. */
export function webIdentity(providerArn: string, subject: string): UserIdentity {
  return {
    type: 'WebIdentityUser',
    principalId: `${providerArn}:sts.amazonaws.com:${subject}`,
    userName: subject,
    identityProvider: providerArn,
  };
}
