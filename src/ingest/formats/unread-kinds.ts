/**
 * Records Keytrail recognises but deliberately does not read as events, each with the
 * reason the `unknown_format` error gives, so a responder learns what the file is and
 * what Keytrail wants instead of a list of keys. Tested against the first record's keys,
 * after every RecordKind has declined it.
 */
interface UnreadKind {
  matches(keys: ReadonlySet<string>): boolean;
  reason: string;
}

/** Cloud Logging entries whose payload is not an AuditLog: load balancer, VPC flow, apps. */
const gcpNonAuditEntry: UnreadKind = {
  matches: (keys) =>
    (keys.has('jsonPayload') || keys.has('textPayload')) &&
    (keys.has('logName') || keys.has('insertId') || keys.has('resource')),
  reason:
    'The file holds Google Cloud Logging entries with a jsonPayload or textPayload (load balancer, VPC flow or application logs), not Cloud Audit Logs; Keytrail reads audit log entries, whose payload is a protoPayload of type google.cloud.audit.AuditLog.',
};

const UNREAD_KINDS: UnreadKind[] = [gcpNonAuditEntry];

export function unreadKindReason(keys: ReadonlySet<string>): string | null {
  return UNREAD_KINDS.find((kind) => kind.matches(keys))?.reason ?? null;
}
