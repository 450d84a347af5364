/**
 * AWS IAM as CloudTrail logs it. IAM is global: its events are recorded in us-east-1 and
 * go to iam.amazonaws.com. Create calls echo the new principal or key in
 * responseElements; read calls log no response.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import type { AccessKey, IamUser } from './aws-principals.js';
import { iamResponseDate } from './clock.js';
import type { JsonObject } from './cloudtrail-record.js';

export const IAM_REGION = 'us-east-1';

function iamCall(
  ctx: CallContext,
  eventName: string,
  readOnly: boolean,
  requestParameters: JsonObject | null,
  responseElements: JsonObject | null = null,
): ApiCall {
  return {
    eventSource: 'iam.amazonaws.com',
    eventName,
    readOnly,
    managementEvent: true,
    host: 'iam.amazonaws.com',
    requestParameters,
    responseElements,
    requestID: ctx.rng.uuidV4(),
  };
}

export function createUser(ctx: CallContext, user: IamUser): ApiCall {
  return iamCall(
    ctx,
    'CreateUser',
    false,
    { userName: user.name },
    {
      user: {
        path: user.path,
        userName: user.name,
        userId: user.userId,
        arn: user.arn,
        createDate: iamResponseDate(user.createdAt),
      },
    },
  );
}

export function createAccessKey(ctx: CallContext, key: AccessKey): ApiCall {
  return iamCall(
    ctx,
    'CreateAccessKey',
    false,
    { userName: key.user.name },
    {
      accessKey: {
        userName: key.user.name,
        accessKeyId: key.accessKeyId,
        status: 'Active',
        createDate: iamResponseDate(key.createdAt),
      },
    },
  );
}

export function updateAccessKey(
  ctx: CallContext,
  key: AccessKey,
  status: 'Active' | 'Inactive',
): ApiCall {
  const params = { userName: key.user.name, accessKeyId: key.accessKeyId, status };
  return iamCall(ctx, 'UpdateAccessKey', false, params);
}

export function deleteAccessKey(ctx: CallContext, key: AccessKey): ApiCall {
  const params = { userName: key.user.name, accessKeyId: key.accessKeyId };
  return iamCall(ctx, 'DeleteAccessKey', false, params);
}

export function attachUserPolicy(
  ctx: CallContext,
  userName: string,
  policyArn: string,
): ApiCall {
  return iamCall(ctx, 'AttachUserPolicy', false, { userName, policyArn });
}

export function detachUserPolicy(
  ctx: CallContext,
  userName: string,
  policyArn: string,
): ApiCall {
  return iamCall(ctx, 'DetachUserPolicy', false, { userName, policyArn });
}

export function deleteUser(ctx: CallContext, userName: string): ApiCall {
  return iamCall(ctx, 'DeleteUser', false, { userName });
}

export function listUsers(ctx: CallContext): ApiCall {
  return iamCall(ctx, 'ListUsers', true, null);
}

export function listRoles(ctx: CallContext): ApiCall {
  return iamCall(ctx, 'ListRoles', true, null);
}

export function listAccessKeys(ctx: CallContext, userName: string): ApiCall {
  return iamCall(ctx, 'ListAccessKeys', true, { userName });
}

export function getUser(ctx: CallContext, userName?: string): ApiCall {
  return iamCall(ctx, 'GetUser', true, userName ? { userName } : null);
}

export function listAttachedUserPolicies(ctx: CallContext, userName: string): ApiCall {
  return iamCall(ctx, 'ListAttachedUserPolicies', true, { userName });
}

export function getAccountAuthorizationDetails(ctx: CallContext): ApiCall {
  return iamCall(ctx, 'GetAccountAuthorizationDetails', true, {
    filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
  });
}

export function getAccountSummary(ctx: CallContext): ApiCall {
  return iamCall(ctx, 'GetAccountSummary', true, null);
}
