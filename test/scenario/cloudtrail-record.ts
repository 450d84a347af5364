/**
 * One CloudTrail record, with its keys in the order AWS writes them (CloudTrail "record
 * contents", eventVersion 1.09). Optional fields are present only where AWS writes them:
 * errorCode/errorMessage on failures, additionalEventData and resources where the service
 * adds them, sharedEventID on cross-account calls, vpcEndpointId behind a VPC endpoint,
 * tlsDetails on calls that reached a public endpoint, sessionCredentialFromConsole on
 * console-originated calls.
 */
import { isoSeconds } from './clock.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SessionIssuer {
  type: 'Role';
  principalId: string;
  arn: string;
  accountId: string;
  userName: string;
}

export interface SessionContext {
  sessionIssuer?: SessionIssuer;
  webIdFederationData?: JsonObject;
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
}

export type UserIdentity =
  | {
      type: 'IAMUser';
      principalId: string;
      arn: string;
      accountId: string;
      accessKeyId?: string;
      userName: string;
      sessionContext?: SessionContext;
      invokedBy?: string;
    }
  | {
      type: 'AssumedRole';
      principalId: string;
      arn: string;
      accountId: string;
      accessKeyId: string;
      sessionContext: SessionContext;
      invokedBy?: string;
    }
  | {
      type: 'WebIdentityUser';
      principalId: string;
      userName: string;
      identityProvider: string;
    }
  | { type: 'AWSService'; invokedBy: string }
  | {
      type: 'Root';
      principalId: string;
      arn: string;
      accountId: string;
      accessKeyId?: string;
      sessionContext?: SessionContext;
    };

export interface TlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader: string;
}

export interface Resource {
  accountId?: string;
  type: string;
  ARN: string;
}

export type EventType = 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
export type EventCategory = 'Management' | 'Data';

/** Serializes exactly like a delivered record: JSON.stringify drops undefined fields. */
export interface CloudTrailRecord {
  eventVersion: '1.09';
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData: JsonObject | undefined;
  requestID: string | undefined;
  eventID: string;
  readOnly: boolean;
  resources: Resource[] | undefined;
  eventType: EventType;
  managementEvent: boolean;
  recipientAccountId: string;
  sharedEventID: string | undefined;
  vpcEndpointId: string | undefined;
  vpcEndpointAccountId: string | undefined;
  eventCategory: EventCategory;
  tlsDetails: TlsDetails | undefined;
  sessionCredentialFromConsole: 'true' | undefined;
}

export interface RecordInput {
  identity: UserIdentity;
  /** Milliseconds since the epoch, UTC; written with whole seconds. */
  time: number;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  error?: { code: string; message: string } | undefined;
  requestParameters: JsonObject | null;
  responseElements: JsonObject | null;
  additionalEventData?: JsonObject | undefined;
  requestID?: string | undefined;
  eventID: string;
  readOnly: boolean;
  resources?: Resource[] | undefined;
  eventType?: EventType | undefined;
  managementEvent: boolean;
  recipientAccountId: string;
  sharedEventID?: string | undefined;
  vpcEndpoint?: { id: string; accountId: string } | undefined;
  tlsDetails?: TlsDetails | undefined;
  fromConsole?: boolean | undefined;
}

/** Builds the record; one object literal so every record has the same key order. */
export function buildRecord(input: RecordInput): CloudTrailRecord {
  return {
    eventVersion: '1.09',
    userIdentity: input.identity,
    eventTime: isoSeconds(input.time),
    eventSource: input.eventSource,
    eventName: input.eventName,
    awsRegion: input.awsRegion,
    sourceIPAddress: input.sourceIPAddress,
    userAgent: input.userAgent,
    errorCode: input.error?.code,
    errorMessage: input.error?.message,
    // A failed call has no response; AWS writes null.
    requestParameters: input.requestParameters,
    responseElements: input.error ? null : input.responseElements,
    additionalEventData: input.additionalEventData,
    requestID: input.requestID,
    eventID: input.eventID,
    readOnly: input.readOnly,
    resources: input.resources,
    eventType: input.eventType ?? 'AwsApiCall',
    managementEvent: input.managementEvent,
    recipientAccountId: input.recipientAccountId,
    sharedEventID: input.sharedEventID,
    vpcEndpointId: input.vpcEndpoint?.id,
    vpcEndpointAccountId: input.vpcEndpoint?.accountId,
    eventCategory: input.managementEvent ? 'Management' : 'Data',
    tlsDetails: input.tlsDetails,
    sessionCredentialFromConsole: input.fromConsole ? 'true' : undefined,
  };
}

const tlsCache = new Map<string, TlsDetails>();

/** tlsDetails for a call to `host`; objects are shared (they are never mutated). */
export function tlsFor(host: string, tlsVersion = 'TLSv1.3'): TlsDetails {
  const key = `${tlsVersion} ${host}`;
  let tls = tlsCache.get(key);
  if (!tls) {
    const cipherSuite =
      tlsVersion === 'TLSv1.3' ? 'TLS_AES_128_GCM_SHA256' : 'ECDHE-RSA-AES128-GCM-SHA256';
    tls = { tlsVersion, cipherSuite, clientProvidedHostHeader: host };
    tlsCache.set(key, tls);
  }
  return tls;
}
