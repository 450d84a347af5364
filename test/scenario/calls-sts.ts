/**
 * AWS STS as CloudTrail logs it. AssumeRole* responses include the new temporary key id
 * (ASIA…), the session token and the assumed-role user, which is how an investigator
 * links a session's later calls back to whoever started it.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import { sessionToken } from './aws-ids.js';
import type { RoleSession } from './aws-principals.js';
import { HOUR, stsExpirationDate } from './clock.js';
import type { JsonObject } from './cloudtrail-record.js';

/** Global (`sts.amazonaws.com`) or regional endpoint host. */
export function stsHost(region: string | undefined): string {
  return region ? `sts.${region}.amazonaws.com` : 'sts.amazonaws.com';
}

/** STS's additionalEventData.RequestDetails: which endpoint served the call. */
function requestDetails(ctx: CallContext, host: string | undefined): JsonObject {
  const endpointType = host === 'sts.amazonaws.com' ? 'global' : 'regional';
  return { RequestDetails: { awsServingRegion: ctx.region, endpointType } };
}

export function getCallerIdentity(ctx: CallContext, host = stsHost(ctx.region)): ApiCall {
  return {
    eventSource: 'sts.amazonaws.com',
    eventName: 'GetCallerIdentity',
    readOnly: true,
    managementEvent: true,
    host,
    requestParameters: null,
    responseElements: null,
    requestID: ctx.rng.uuidV4(),
  };
}

function credentials(
  ctx: CallContext,
  session: RoleSession,
  durationMs: number,
): JsonObject {
  return {
    accessKeyId: session.accessKeyId,
    sessionToken: sessionToken(ctx.rng),
    expiration: stsExpirationDate(session.createdAt + durationMs),
  };
}

function assumedRoleUser(session: RoleSession): JsonObject {
  return {
    assumedRoleId: `${session.role.roleId}:${session.sessionName}`,
    arn: `arn:aws:sts::${session.role.accountId}:assumed-role/${session.role.name}/${session.sessionName}`,
  };
}

export interface AssumeRoleOptions {
  durationSeconds?: number;
  host?: string;
  /** Cross-account calls are logged in both accounts under one sharedEventID. */
  sharedEventID?: string;
}

export function assumeRole(
  ctx: CallContext,
  session: RoleSession,
  options: AssumeRoleOptions = {},
): ApiCall {
  const durationMs = (options.durationSeconds ?? 3600) * 1000;
  const requestParameters: JsonObject = {
    roleArn: session.role.arn,
    roleSessionName: session.sessionName,
  };
  if (options.durationSeconds)
    requestParameters.durationSeconds = options.durationSeconds;
  const call: ApiCall = {
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    readOnly: true,
    managementEvent: true,
    host: options.host,
    requestParameters,
    responseElements: {
      credentials: credentials(ctx, session, durationMs),
      assumedRoleUser: assumedRoleUser(session),
    },
    additionalEventData: requestDetails(ctx, options.host),
    resources: [
      {
        accountId: session.role.accountId,
        type: 'AWS::IAM::Role',
        ARN: session.role.arn,
      },
    ],
    requestID: ctx.rng.uuidV4(),
  };
  if (options.sharedEventID) call.sharedEventID = options.sharedEventID;
  return call;
}

export function assumeRoleWithWebIdentity(
  ctx: CallContext,
  session: RoleSession,
  providerArn: string,
  subject: string,
): ApiCall {
  return {
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRoleWithWebIdentity',
    readOnly: true,
    managementEvent: true,
    host: stsHost(ctx.region),
    requestParameters: {
      roleArn: session.role.arn,
      roleSessionName: session.sessionName,
      durationSeconds: 3600,
    },
    responseElements: {
      credentials: credentials(ctx, session, HOUR),
      subjectFromWebIdentityToken: subject,
      assumedRoleUser: assumedRoleUser(session),
      provider: providerArn,
      audience: 'sts.amazonaws.com',
    },
    additionalEventData: {
      identityProviderConnectionVerificationMethod: 'IAMTrustStore',
      ...requestDetails(ctx, stsHost(ctx.region)),
    },
    resources: [
      {
        accountId: session.role.accountId,
        type: 'AWS::IAM::Role',
        ARN: session.role.arn,
      },
    ],
    requestID: ctx.rng.uuidV4(),
  };
}
