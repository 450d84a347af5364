/**
 * The seam between "who called" and "what was called". Service modules (calls-*.ts) build
 * an ApiCall: what AWS logs for that API. An Actor says who called, from where and with
 * which client. `emit` joins them into a timed CloudTrail record.
 */
import {
  buildRecord,
  tlsFor,
  type CloudTrailRecord,
  type EventType,
  type JsonObject,
  type Resource,
  type UserIdentity,
} from './cloudtrail-record.js';
import { onBehalf } from './aws-principals.js';
import type { Rng } from './random.js';

/** A record and the exact moment (ms, UTC) it happened; sources yield these in order. */
export interface TrailEvent {
  time: number;
  record: CloudTrailRecord;
}

export interface CallContext {
  rng: Rng;
  time: number;
  region: string;
  /** The account whose trail records the call (usually the resource owner). */
  accountId: string;
}

export interface Actor {
  identity: UserIdentity;
  /** An IP address, or a service principal such as `lambda.amazonaws.com`. */
  sourceIp: string;
  userAgent: string;
  /** True when an AWS service made the call for the principal: no TLS details logged. */
  viaService?: boolean;
  fromConsole?: boolean;
  /** Set when the call reached the service through a VPC endpoint. */
  vpcEndpoint?: { id: string; accountId: string };
  /** The ARN AWS names in authorization errors. */
  arn: string;
}

export interface ApiCall {
  eventSource: string;
  eventName: string;
  readOnly: boolean;
  managementEvent: boolean;
  /** The Host header the client sent; undefined for calls without TLS details. */
  host: string | undefined;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject;
  resources?: Resource[];
  requestID: string | undefined;
  eventType?: EventType;
  sharedEventID?: string;
  error?: { code: string; message: string };
}

export function emit(ctx: CallContext, actor: Actor, call: ApiCall): TrailEvent {
  const record = buildRecord({
    identity: actor.identity,
    time: ctx.time,
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: ctx.region,
    sourceIPAddress: actor.sourceIp,
    userAgent: actor.userAgent,
    error: call.error,
    requestParameters: call.requestParameters,
    responseElements: call.responseElements,
    additionalEventData: call.additionalEventData,
    requestID: call.requestID,
    eventID: ctx.rng.uuidV4(),
    readOnly: call.readOnly,
    resources: call.resources,
    eventType: call.eventType,
    managementEvent: call.managementEvent,
    recipientAccountId: ctx.accountId,
    sharedEventID: call.sharedEventID,
    vpcEndpoint: actor.vpcEndpoint,
    tlsDetails:
      actor.viaService || call.host === undefined ? undefined : tlsFor(call.host),
    fromConsole: actor.fromConsole,
  });
  return { time: ctx.time, record };
}

/** The call as it fails authorization, worded the way the service words it. */
export function denied(
  call: ApiCall,
  actor: Actor,
  action: string,
  resource?: string,
): ApiCall {
  const tail = `because no identity-based policy allows the ${action} action`;
  const on = resource ? ` on resource: ${resource}` : '';
  let error: { code: string; message: string };
  if (call.eventSource === 'ec2.amazonaws.com') {
    error = {
      code: 'Client.UnauthorizedOperation',
      message: `You are not authorized to perform this operation. User: ${actor.arn} is not authorized to perform: ${action} ${tail}`,
    };
  } else if (call.eventSource === 's3.amazonaws.com') {
    error = { code: 'AccessDenied', message: 'Access Denied' };
  } else if (call.eventSource === 'secretsmanager.amazonaws.com') {
    error = {
      code: 'AccessDeniedException',
      message: `User: ${actor.arn} is not authorized to perform: ${action}${on} ${tail}`,
    };
  } else {
    error = {
      code: 'AccessDenied',
      message: `User: ${actor.arn} is not authorized to perform: ${action}${on} ${tail}`,
    };
  }
  return { ...call, responseElements: null, error };
}

/** The ARN an actor's identity presents (the assumed-role ARN for sessions). */
export function identityArn(identity: UserIdentity): string {
  switch (identity.type) {
    case 'IAMUser':
    case 'AssumedRole':
    case 'Root':
      return identity.arn;
    case 'WebIdentityUser':
      return identity.principalId;
    case 'AWSService':
      return identity.invokedBy;
  }
}

export function actor(
  identity: UserIdentity,
  sourceIp: string,
  userAgent: string,
  extra: Partial<Omit<Actor, 'identity' | 'sourceIp' | 'userAgent'>> = {},
): Actor {
  return { identity, sourceIp, userAgent, arn: identityArn(identity), ...extra };
}

/** An AWS service calling for `identity` (no client IP, no TLS details of its own). */
export function serviceActor(identity: UserIdentity, service: string): Actor {
  return actor(onBehalf(identity, service), service, service, { viaService: true });
}
