/**
 * Service calls of deploy pipelines, workloads and operators: CloudTrail itself, Lambda
 * (whose CloudTrail eventNames carry the API version, e.g. `UpdateFunctionCode20150331v2`),
 * CloudFormation and Bedrock runtime.
 */
import type { ApiCall, CallContext } from './aws-call.js';
import { isoSeconds } from './clock.js';
import type { JsonObject } from './cloudtrail-record.js';

function call(
  ctx: CallContext,
  service: string,
  eventName: string,
  readOnly: boolean,
  requestParameters: JsonObject | null,
  responseElements: JsonObject | null = null,
  host = `${service}.${ctx.region}.amazonaws.com`,
): ApiCall {
  return {
    eventSource: `${service}.amazonaws.com`,
    eventName,
    readOnly,
    managementEvent: true,
    host,
    requestParameters,
    responseElements,
    requestID: ctx.rng.uuidV4(),
  };
}

export function stopLogging(ctx: CallContext, trailArn: string): ApiCall {
  return call(ctx, 'cloudtrail', 'StopLogging', false, { name: trailArn });
}

export function startLogging(ctx: CallContext, trailArn: string): ApiCall {
  return call(ctx, 'cloudtrail', 'StartLogging', false, { name: trailArn });
}

export function describeTrails(ctx: CallContext): ApiCall {
  return call(ctx, 'cloudtrail', 'DescribeTrails', true, { includeShadowTrails: true });
}

export function lookupEvents(ctx: CallContext): ApiCall {
  return call(ctx, 'cloudtrail', 'LookupEvents', true, {
    maxResults: 50,
    lookupAttributes: [{ attributeKey: 'ReadOnly', attributeValue: 'false' }],
  });
}

export interface LambdaFunction {
  name: string;
  arn: string;
  roleArn: string;
  runtime: string;
  handler: string;
}

export function updateFunctionCode(
  ctx: CallContext,
  fn: LambdaFunction,
  s3Bucket: string,
  s3Key: string,
): ApiCall {
  const codeSha256 = ctx.rng.chars(
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
    43,
  );
  return call(
    ctx,
    'lambda',
    'UpdateFunctionCode20150331v2',
    false,
    { functionName: fn.name, s3Bucket, s3Key, publish: true, dryRun: false },
    {
      functionName: fn.name,
      functionArn: `${fn.arn}:${ctx.rng.int(40, 400)}`,
      runtime: fn.runtime,
      role: fn.roleArn,
      handler: fn.handler,
      codeSize: ctx.rng.int(800_000, 9_000_000),
      description: '',
      timeout: 30,
      memorySize: 512,
      lastModified: `${isoSeconds(ctx.time).slice(0, 19)}.000+0000`,
      codeSha256: `${codeSha256}=`,
      version: '$LATEST',
      tracingConfig: { mode: 'PassThrough' },
      revisionId: ctx.rng.uuidV4(),
      state: 'Active',
      lastUpdateStatus: 'InProgress',
      lastUpdateStatusReason: 'The function is being created.',
      lastUpdateStatusReasonCode: 'Creating',
      packageType: 'Zip',
      architectures: ['arm64'],
      ephemeralStorage: { size: 512 },
    },
  );
}

export function getFunction(ctx: CallContext, fn: LambdaFunction): ApiCall {
  return call(ctx, 'lambda', 'GetFunction20150331v2', true, { functionName: fn.name });
}

export function listFunctions(ctx: CallContext): ApiCall {
  return call(ctx, 'lambda', 'ListFunctions20150331', true, null);
}

export function describeStacks(ctx: CallContext, stackName: string): ApiCall {
  return call(ctx, 'cloudformation', 'DescribeStacks', true, { stackName });
}

export function invokeModel(ctx: CallContext, modelId: string): ApiCall {
  return call(
    ctx,
    'bedrock',
    'InvokeModel',
    true,
    { modelId },
    null,
    `bedrock-runtime.${ctx.region}.amazonaws.com`,
  );
}
