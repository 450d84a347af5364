/**
 * Serializes a CloudTrail record to exactly what JSON.stringify would produce, but
 * faster: the userIdentity and tlsDetails blocks are shared by every record of a session
 * or host, so each is stringified once and reused. A test holds the output byte-equal to
 * JSON.stringify.
 */
import type { CloudTrailRecord, Json } from './cloudtrail-record.js';

const serialized = new WeakMap<object, string>();

function once(value: object): string {
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

const q = JSON.stringify;

function optional(key: string, value: Json | undefined): string {
  return value === undefined ? '' : `,"${key}":${q(value)}`;
}

export function recordJson(r: CloudTrailRecord): string {
  return (
    `{"eventVersion":${q(r.eventVersion)},"userIdentity":${once(r.userIdentity)}` +
    `,"eventTime":${q(r.eventTime)},"eventSource":${q(r.eventSource)}` +
    `,"eventName":${q(r.eventName)},"awsRegion":${q(r.awsRegion)}` +
    `,"sourceIPAddress":${q(r.sourceIPAddress)},"userAgent":${q(r.userAgent)}` +
    optional('errorCode', r.errorCode) +
    optional('errorMessage', r.errorMessage) +
    `,"requestParameters":${q(r.requestParameters)}` +
    `,"responseElements":${q(r.responseElements)}` +
    optional('additionalEventData', r.additionalEventData) +
    optional('requestID', r.requestID) +
    `,"eventID":${q(r.eventID)},"readOnly":${r.readOnly}` +
    (r.resources === undefined ? '' : `,"resources":${q(r.resources)}`) +
    `,"eventType":${q(r.eventType)},"managementEvent":${r.managementEvent}` +
    `,"recipientAccountId":${q(r.recipientAccountId)}` +
    optional('sharedEventID', r.sharedEventID) +
    optional('vpcEndpointId', r.vpcEndpointId) +
    optional('vpcEndpointAccountId', r.vpcEndpointAccountId) +
    `,"eventCategory":${q(r.eventCategory)}` +
    (r.tlsDetails === undefined ? '' : `,"tlsDetails":${once(r.tlsDetails)}`) +
    optional('sessionCredentialFromConsole', r.sessionCredentialFromConsole) +
    '}'
  );
}

/** A delivery file's body: `{"Records":[...]}`, minified. */
export function deliveryJson(records: readonly CloudTrailRecord[]): string {
  let body = '{"Records":[';
  for (let i = 0; i < records.length; i++) {
    if (i > 0) body += ',';
    body += recordJson(records[i]!);
  }
  return body + ']}';
}
