/**
 * How to tell which log a JSON record belongs to, from its keys. The first kind whose
 * test passes wins, so put the most specific tests first. Add a kind here together with
 * its normalizer in `normalize/`.
 */
import { AZURE_RECORD_KINDS } from './azure-kinds.js';
import { gcpAuditKind } from './gcp-audit-kind.js';
import type { EventSource } from './types.js';

export interface RecordKind {
  source: EventSource;
  matches(keys: ReadonlySet<string>): boolean;
}

/** CloudTrail record contents: eventName/eventSource with eventVersion, userIdentity or eventTime. */
const cloudTrail: RecordKind = {
  source: 'cloudtrail',
  matches: (keys) =>
    (keys.has('eventName') || keys.has('eventSource')) &&
    (keys.has('eventVersion') || keys.has('userIdentity') || keys.has('eventTime')),
};

export const RECORD_KINDS: RecordKind[] = [
  cloudTrail,
  ...AZURE_RECORD_KINDS,
  gcpAuditKind,
];

/** Keys under which other tools keep a whole record: EventBridge, SIEM exports. */
export const ENVELOPE_KEYS = ['detail', 'log', '_source'] as const;
