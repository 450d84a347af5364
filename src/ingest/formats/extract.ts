/**
 * Recognises an evidence file's format from its content (never its name) and cuts it
 * into records, each the exact text of one event as the file holds it.
 *
 * JSON evidence comes in a few shapes: a bare array of records; one record per line
 * (JSON Lines) or documents one after another; a wrapper object whose array holds the
 * records (`{"Records":[...]}` from S3, `{"value":[...]}` from Graph...); or a single
 * record. Records may sit inside an envelope (EventBridge `detail`, SIEM `log`).
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
import { extractCsv } from './csv.js';
import { splitS3Delivery } from './s3-fast-path.js';
import { ENVELOPE_KEYS, RECORD_KINDS } from './record-kinds.js';
import type { EventSource, Extracted, ExtractedEvents } from './types.js';
import { unreadKindReason } from './unread-kinds.js';
import { readWrapper, WRAPPER_KEYS } from './wrappers.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;

export function extract(text: Buffer): Extracted {
  const delivered = splitS3Delivery(text);
  if (delivered) {
    return {
      kind: 'events',
      format: 'cloudtrail-records',
      source: 'cloudtrail',
      records: delivered,
    };
  }

  const start = skipSpace(text, 0);
  const first = text[start];

  if (first === OPEN_BRACKET) {
    return classify(text, arrayElements(text, start).items, 'array');
  }
  if (first !== OPEN_BRACE) {
    const csv = extractCsv(text);
    if (csv) return csv;
    throw new KeytrailError(
      'unknown_format',
      'The file is not JSON, and not a CSV export Keytrail reads: no known log format starts this way.',
    );
  }

  const firstEnd = skipValue(text, start);
  if (skipSpace(text, firstEnd) < text.length) {
    const values = splitLinesOrValues(text, start, firstEnd);
    // Pages of an API answer saved one after another; only then is every value read whole.
    const firstPage = values[0] ? wrapperOf(text, values[0]) : null;
    const pages = firstPage ? values.map((v) => wrapperOf(text, v)) : [];
    if (firstPage && pages.every((p) => p !== null)) return mergePages(text, pages);
    return classify(text, values, 'jsonl');
  }

  return (
    wrapperOf(text, { start, end: firstEnd }) ??
    classify(text, [{ start, end: firstEnd }], 'record')
  );
}

/** A wrapper document (`{"Records":[...]}` and the like) read whole, or null. */
function wrapperOf(text: Buffer, range: Range): Extracted | null {
  if (text[range.start] !== OPEN_BRACE) return null;
  let members;
  try {
    members = objectMembers(text, range.start);
  } catch {
    return null;
  }
  if (!members.some((m) => WRAPPER_KEYS.has(m.key))) return null;
  return readWrapper(text, members, (items, form, fallback) =>
    classify(text, items, form, fallback),
  );
}

/**
 * Several pages of one API answer saved together: one file, their records in order. An
 * inventory's pages stay one document, the file, which its loader reads page by page.
 */
function mergePages(text: Buffer, pages: Extracted[]): Extracted {
  const [head] = pages;
  if (
    head?.kind === 'inventory' &&
    pages.every((p) => p.kind === 'inventory' && p.source === head.source)
  ) {
    return { ...head, format: `${head.format}-pages`, document: text };
  }
  if (
    !head ||
    head.kind !== 'events' ||
    pages.some((p) => p.kind !== 'events' || p.source !== head.source)
  ) {
    throw new KeytrailError(
      'unknown_format',
      'The file mixes documents of different kinds.',
    );
  }
  const records = pages.flatMap((p) => (p as ExtractedEvents).records);
  return { ...head, format: `${head.format}-pages`, records };
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

/** Names the source from the first object record and returns the records. */
export function classify(
  text: Buffer,
  items: Range[],
  form: string,
  fallback: EventSource = 'cloudtrail',
): ExtractedEvents {
  if (items.length === 0) {
    return { kind: 'events', format: `empty-${form}`, source: fallback, records: [] };
  }
  const sample = items.find((r) => text[r.start] === OPEN_BRACE);
  if (!sample)
    throw new KeytrailError('unknown_format', 'The file holds JSON, but no log records.');
  const keys = memberKeys(text, sample);
  const direct = sourceOf(keys);
  if (direct)
    return {
      kind: 'events',
      format: `${direct}-${form}`,
      source: direct,
      records: views(text, items),
    };

  for (const envelope of ENVELOPE_KEYS) {
    const inner = memberValue(text, sample, envelope);
    const source =
      inner && text[inner.start] === OPEN_BRACE
        ? sourceOf(memberKeys(text, inner))
        : null;
    if (source) {
      return {
        kind: 'events',
        format: `${source}-${form}+${envelope}`,
        source,
        records: unwrap(text, items, envelope),
      };
    }
  }
  throw new KeytrailError(
    'unknown_format',
    unreadKindReason(keys) ??
      `The file holds JSON records of a kind Keytrail does not read (first keys: ${[...keys].slice(0, 6).join(', ')}).`,
  );
}

function sourceOf(keys: ReadonlySet<string>): EventSource | null {
  return RECORD_KINDS.find((kind) => kind.matches(keys))?.source ?? null;
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
