/**
 * `aws cloudtrail lookup-events` (the LookupEvents API, Event history as JSON):
 *
 *     {"Events": [{"EventId", "EventName", "ReadOnly", "AccessKeyId", "EventTime",
 *       "EventSource", "Username", "Resources": [{"ResourceType", "ResourceName"}],
 *       "CloudTrailEvent": "<the full record, as a JSON string>"}], "NextToken": "..."}
 *
 * Each record is the CloudTrailEvent string decoded (JSON.parse of that string literal
 * alone): exactly the record text the API returned, the same record an S3 delivery file
 * holds, so both forms give one event (`cloudtrail:<eventID>`). An event without a
 * CloudTrailEvent (trimmed by a `--query`) is rebuilt from its summary fields
 * (cloudtrail-minimal.ts). Pages saved one after another are merged by extract.ts.
 */
import { arrayElements, objectMembers, type Range } from '../json-scan.js';
import { minimalRecord, readBoolean, text as textOf } from './cloudtrail-minimal.js';
import { toIsoTime } from './export-time.js';
import type { Wrapper } from './wrappers.js';

const OPEN_BRACKET = 0x5b;
const QUOTE = 0x22;
/** Not valid JSON (a control byte): staging refuses it and it is counted as skipped. */
const INVALID = Buffer.from('\u0001');

export const lookupEvents: Wrapper = {
  key: 'Events',
  read: (text, member) => {
    if (text[member.value.start] !== OPEN_BRACKET) return null;
    const { items } = arrayElements(text, member.value.start);
    const first = items[0];
    if (first && !isLookupEvent(text, first)) return null;
    return {
      kind: 'events',
      format: 'cloudtrail-lookup-events',
      source: 'cloudtrail',
      records: items.map((item) => recordOf(text, item)),
    };
  },
};

function isLookupEvent(text: Buffer, item: Range): boolean {
  try {
    const keys = objectMembers(text, item.start).map((m) => m.key);
    return keys.includes('CloudTrailEvent') || keys.includes('EventId');
  } catch {
    return false;
  }
}

function recordOf(text: Buffer, item: Range): Buffer {
  try {
    const full = objectMembers(text, item.start).find((m) => m.key === 'CloudTrailEvent');
    if (full && text[full.value.start] === QUOTE) {
      const literal = text.toString('utf8', full.value.start, full.value.end);
      return Buffer.from(JSON.parse(literal) as string, 'utf8');
    }
    return Buffer.from(
      summaryRecord(JSON.parse(text.toString('utf8', item.start, item.end))),
    );
  } catch {
    return INVALID;
  }
}

function summaryRecord(event: unknown): string {
  const e = (event ?? {}) as Record<string, unknown>;
  const resources = Array.isArray(e.Resources) ? (e.Resources as unknown[]) : [];
  return minimalRecord(
    {
      eventId: textOf(e.EventId),
      eventTime: eventTime(e.EventTime),
      eventName: textOf(e.EventName),
      eventSource: textOf(e.EventSource),
      userName: textOf(e.Username),
      accessKeyId: textOf(e.AccessKeyId),
      readOnly: readBoolean(e.ReadOnly),
      resources: resources.map((r) => {
        const resource = (r ?? {}) as Record<string, unknown>;
        return {
          type: textOf(resource.ResourceType),
          name: textOf(resource.ResourceName),
        };
      }),
    },
    event,
  );
}

/** CLI v2 prints ISO 8601 with an offset; CLI v1 prints epoch seconds. */
function eventTime(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'string') {
    return toIsoTime(value) ?? (typeof value === 'string' ? value : undefined);
  }
  return undefined;
}
