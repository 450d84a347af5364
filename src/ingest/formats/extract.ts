/**
 * Recognises an evidence file's format from its content (never its name) and cuts it
 * into records, each the exact bytes of one event as the file holds it.
 *
 * CloudTrail reaches responders as `{"Records":[...]}` (S3 delivery), a bare JSON array,
 * one record per line (JSON Lines, e.g. from a SIEM or Logstash), or a single record.
 * Records may come inside an envelope: an EventBridge event keeps the record under
 * `detail`; SIEM exports keep it under `log` or `_source`.
 */
import { KeytrailError } from '../../errors.js';
import {
  arrayElements,
  concatenatedValues,
  objectMembers,
  skipSpace,
  skipValue,
  type Range,
} from '../json-scan.js';

export type SourceKind = 'cloudtrail';

export interface ExtractedRecords {
  /** What the file was recognised as, e.g. `cloudtrail-records`. */
  format: string;
  source: SourceKind;
  /** Each record's exact text, as a view into the decoded file. */
  records: Buffer[];
}

const ENVELOPE_KEYS = ['detail', 'log', '_source'] as const;

export function extractRecords(text: Buffer): ExtractedRecords {
  const start = skipSpace(text, 0);
  const first = text[start];

  if (first === 0x5b) {
    const { items } = arrayElements(text, start);
    return classify(text, items, 'cloudtrail-array');
  }
  if (first !== 0x7b) {
    throw new KeytrailError(
      'unknown_format',
      'The file is not JSON: no known log format starts this way.',
    );
  }

  const firstEnd = skipValue(text, start);
  const afterFirst = skipSpace(text, firstEnd);
  if (afterFirst < text.length) {
    return classify(text, splitLinesOrValues(text, start, firstEnd), 'cloudtrail-jsonl');
  }

  const members = objectMembers(text, start);
  const records = members.find((m) => m.key === 'Records');
  if (records && text[records.value.start] === 0x5b) {
    const { items } = arrayElements(text, records.value.start);
    return {
      format: 'cloudtrail-records',
      source: 'cloudtrail',
      records: views(text, items),
    };
  }
  return classify(text, [{ start, end: firstEnd }], 'cloudtrail-record');
}

/**
 * JSON Lines when the first value ends its line: then every line is a record and a bad
 * line is skipped and counted rather than failing the file. Otherwise the values are
 * pretty-printed documents one after another.
 */
function splitLinesOrValues(text: Buffer, firstStart: number, firstEnd: number): Range[] {
  const firstNewline = text.indexOf(0x0a, firstStart);
  if (firstNewline >= 0 && firstNewline < firstEnd) return concatenatedValues(text);

  const lines: Range[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const s = skipSpace(text, lineStart, lineEnd);
    let e = lineEnd;
    while (e > s && (text[e - 1] === 0x0d || text[e - 1] === 0x20)) e--;
    if (e > s) lines.push({ start: s, end: e });
    lineStart = lineEnd + 1;
  }
  return lines;
}

function classify(text: Buffer, items: Range[], format: string): ExtractedRecords {
  const sample = items.find((r) => text[r.start] === 0x7b);
  if (!sample) {
    if (items.length === 0) return { format, source: 'cloudtrail', records: [] };
    throw new KeytrailError('unknown_format', 'The file holds JSON, but no log records.');
  }
  const keys = memberKeys(text, sample);
  if (isCloudTrailRecord(keys))
    return { format, source: 'cloudtrail', records: views(text, items) };

  for (const envelope of ENVELOPE_KEYS) {
    const inner = memberValue(text, sample, envelope);
    if (
      inner &&
      text[inner.start] === 0x7b &&
      isCloudTrailRecord(memberKeys(text, inner))
    ) {
      return {
        format: `${format}+${envelope}`,
        source: 'cloudtrail',
        records: unwrap(text, items, envelope),
      };
    }
  }
  throw new KeytrailError(
    'unknown_format',
    `The file holds JSON records of a kind Keytrail does not read (first keys: ${[...keys].slice(0, 6).join(', ')}).`,
  );
}

function isCloudTrailRecord(keys: Set<string>): boolean {
  const named = keys.has('eventName') || keys.has('eventSource');
  return (
    named &&
    (keys.has('eventVersion') || keys.has('userIdentity') || keys.has('eventTime'))
  );
}

function memberKeys(text: Buffer, range: Range): Set<string> {
  try {
    return new Set(objectMembers(text, range.start).map((m) => m.key));
  } catch {
    return new Set();
  }
}

function memberValue(text: Buffer, range: Range, key: string): Range | undefined {
  try {
    return objectMembers(text, range.start).find((m) => m.key === key)?.value;
  } catch {
    return undefined;
  }
}

/** Takes each record out of its envelope; an item without one is kept whole. */
function unwrap(text: Buffer, items: Range[], key: string): Buffer[] {
  return items.map((item) => {
    const inner = memberValue(text, item, key);
    return text.subarray(inner?.start ?? item.start, inner?.end ?? item.end);
  });
}

function views(text: Buffer, ranges: Range[]): Buffer[] {
  return ranges.map((r) => text.subarray(r.start, r.end));
}
