/**
 * Amazon S3 as CloudTrail logs it. Object-level calls (GetObject, PutObject, ListObjects)
 * are data events with the bucket and object in `resources`; ListBuckets is a management
 * event. All carry S3's additionalEventData (signature, cipher, bytes, x-amz-id-2).
 * ListObjectsV2 is logged under the eventName `ListObjects` with `list-type: 2`.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import { amzId2, s3RequestId } from './aws-ids.js';
import type { JsonObject, Resource } from './cloudtrail-record.js';

function transfer(ctx: CallContext, bytesIn: number, bytesOut: number): JsonObject {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': amzId2(ctx.rng),
    bytesTransferredOut: bytesOut,
  };
}

function bucketHost(ctx: CallContext, bucket: string): string {
  return `${bucket}.s3.${ctx.region}.amazonaws.com`;
}

function objectResources(ctx: CallContext, bucket: string, key: string): Resource[] {
  return [
    { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
    { accountId: ctx.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
  ];
}

export function getObject(
  ctx: CallContext,
  bucket: string,
  key: string,
  bytes: number,
): ApiCall {
  const host = bucketHost(ctx, bucket);
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    readOnly: true,
    managementEvent: false,
    host,
    requestParameters: { bucketName: bucket, Host: host, key },
    responseElements: null,
    additionalEventData: transfer(ctx, 0, bytes),
    resources: objectResources(ctx, bucket, key),
    requestID: s3RequestId(ctx.rng),
  };
}

export function putObject(
  ctx: CallContext,
  bucket: string,
  key: string,
  bytes: number,
  kmsKeyArn?: string,
): ApiCall {
  const host = bucketHost(ctx, bucket);
  const responseElements: JsonObject = kmsKeyArn
    ? {
        'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyArn,
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-bucket-key-enabled': 'true',
      }
    : { 'x-amz-server-side-encryption': 'AES256' };
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'PutObject',
    readOnly: false,
    managementEvent: false,
    host,
    requestParameters: { bucketName: bucket, Host: host, key },
    responseElements,
    additionalEventData: transfer(ctx, bytes, 0),
    resources: objectResources(ctx, bucket, key),
    requestID: s3RequestId(ctx.rng),
  };
}

export function listObjects(ctx: CallContext, bucket: string, prefix: string): ApiCall {
  const host = bucketHost(ctx, bucket);
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'ListObjects',
    readOnly: true,
    managementEvent: false,
    host,
    requestParameters: {
      'list-type': '2',
      bucketName: bucket,
      'encoding-type': 'url',
      prefix,
      Host: host,
    },
    responseElements: null,
    additionalEventData: transfer(ctx, 0, ctx.rng.int(600, 48_000)),
    resources: [
      {
        accountId: ctx.accountId,
        type: 'AWS::S3::Bucket',
        ARN: `arn:aws:s3:::${bucket}`,
      },
    ],
    requestID: s3RequestId(ctx.rng),
  };
}

export function listBuckets(ctx: CallContext): ApiCall {
  const host = `s3.${ctx.region}.amazonaws.com`;
  return {
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    readOnly: true,
    managementEvent: true,
    host,
    requestParameters: { Host: host },
    responseElements: null,
    additionalEventData: transfer(ctx, 0, ctx.rng.int(900, 4_000)),
    requestID: s3RequestId(ctx.rng),
  };
}
