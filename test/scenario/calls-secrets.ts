/**
 * Secrets and keys as CloudTrail logs them: Secrets Manager, SSM Parameter Store and KMS.
 * KMS calls that a service makes for a principal (S3 SSE-KMS, Secrets Manager) are
 * logged with that service as source and userAgent, and invokedBy in the identity.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import type { JsonObject } from './cloudtrail-record.js';

export function getSecretValue(ctx: CallContext, secretArn: string): ApiCall {
  return {
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'GetSecretValue',
    readOnly: true,
    managementEvent: true,
    host: `secretsmanager.${ctx.region}.amazonaws.com`,
    requestParameters: { secretId: secretArn },
    responseElements: null,
    requestID: ctx.rng.uuidV4(),
  };
}

export function listSecrets(ctx: CallContext): ApiCall {
  return {
    ...getSecretValue(ctx, ''),
    eventName: 'ListSecrets',
    requestParameters: null,
  };
}

export function getParameter(ctx: CallContext, name: string): ApiCall {
  return {
    eventSource: 'ssm.amazonaws.com',
    eventName: 'GetParameter',
    readOnly: true,
    managementEvent: true,
    host: `ssm.${ctx.region}.amazonaws.com`,
    requestParameters: { name, withDecryption: true },
    responseElements: null,
    requestID: ctx.rng.uuidV4(),
  };
}

function kmsCall(
  ctx: CallContext,
  eventName: string,
  keyArn: string,
  requestParameters: JsonObject,
): ApiCall {
  return {
    eventSource: 'kms.amazonaws.com',
    eventName,
    readOnly: true,
    managementEvent: true,
    host: `kms.${ctx.region}.amazonaws.com`,
    requestParameters,
    responseElements: null,
    resources: [{ accountId: ctx.accountId, type: 'AWS::KMS::Key', ARN: keyArn }],
    requestID: ctx.rng.uuidV4(),
  };
}

export function kmsDecrypt(
  ctx: CallContext,
  keyArn: string,
  encryptionContext: JsonObject,
): ApiCall {
  return kmsCall(ctx, 'Decrypt', keyArn, {
    encryptionContext,
    encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  });
}

export function kmsGenerateDataKey(
  ctx: CallContext,
  keyArn: string,
  encryptionContext: JsonObject,
): ApiCall {
  return kmsCall(ctx, 'GenerateDataKey', keyArn, {
    keyId: keyArn,
    encryptionContext,
    keySpec: 'AES_256',
  });
}

/** Encryption context S3 sends to KMS for an SSE-KMS object with a bucket key. */
export function s3KmsContext(bucket: string): JsonObject {
  return { 'aws:s3:arn': `arn:aws:s3:::${bucket}` };
}
