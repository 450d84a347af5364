/**
 * Finds the byte ranges of JSON values without building objects, so that each record's
 * exact text can go to DuckDB untouched (JSON.parse would cost more than the rest of
 * ingest together). It checks structure (brackets and strings), not every token: DuckDB
 * validates each record's text afterwards.
 */
import { KeytrailError } from '../errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export interface Range {
  start: number;
  end: number;
}

export function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function skipSpace(buf: Buffer, i: number, end = buf.length): number {
  while (i < end && isSpace(buf[i])) i++;
  return i;
}

/** Index just past the closing quote of the string that opens at `i`. */
export function skipString(buf: Buffer, i: number, end = buf.length): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0 || q >= end) {
      throw new KeytrailError(
        'invalid_json',
        `Invalid JSON: the string at byte ${i} never ends.`,
      );
    }
    let backslashes = 0;
    for (let k = q - 1; k > i && buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just past the JSON value that starts at `i` (which must not be whitespace). */
export function skipValue(buf: Buffer, i: number, end = buf.length): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let j = i;
    while (j < end) {
      const c = buf[j];
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) break;
      j++;
    }
    if (j === i) throw invalid('a missing value', i);
    return j;
  }

  let depth = 0;
  let j = i;
  while (j < end) {
    const c = buf[j];
    if (c === QUOTE) {
      j = skipString(buf, j, end);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new KeytrailError(
    'invalid_json',
    `Invalid JSON: the object or array opened at byte ${i} is never closed (is the file cut off?).`,
  );
}

/**
 * The elements of the array that opens at `i`. Returns their ranges and the index just
 * past the closing bracket.
 */
export function arrayElements(buf: Buffer, i: number): { items: Range[]; end: number } {
  if (buf[i] !== OPEN_BRACKET) throw invalid('an array', i);
  const items: Range[] = [];
  let j = skipSpace(buf, i + 1);
  if (buf[j] === CLOSE_BRACKET) return { items, end: j + 1 };
  for (;;) {
    const start = j;
    j = skipValue(buf, j);
    items.push({ start, end: j });
    j = skipSpace(buf, j);
    if (buf[j] === COMMA) {
      j = skipSpace(buf, j + 1);
      continue;
    }
    if (buf[j] === CLOSE_BRACKET) return { items, end: j + 1 };
    throw invalid("',' or ']'", j);
  }
}

/** The members of the object that opens at `i`: key text and value range, in order. */
export function objectMembers(buf: Buffer, i: number): { key: string; value: Range }[] {
  if (buf[i] !== OPEN_BRACE) throw invalid('an object', i);
  const members: { key: string; value: Range }[] = [];
  let j = skipSpace(buf, i + 1);
  if (buf[j] === CLOSE_BRACE) return members;
  for (;;) {
    if (buf[j] !== QUOTE) throw invalid('a key', j);
    const keyEnd = skipString(buf, j);
    const key = JSON.parse(buf.toString('utf8', j, keyEnd)) as string;
    j = skipSpace(buf, keyEnd);
    if (buf[j] !== COLON) throw invalid("':'", j);
    j = skipSpace(buf, j + 1);
    const start = j;
    j = skipValue(buf, j);
    members.push({ key, value: { start, end: j } });
    j = skipSpace(buf, j);
    if (buf[j] === COMMA) {
      j = skipSpace(buf, j + 1);
      continue;
    }
    if (buf[j] === CLOSE_BRACE) return members;
    throw invalid("',' or '}'", j);
  }
}

/**
 * Top-level values one after another: JSON Lines, or JSON documents concatenated (as
 * several pages of an API answer saved into one file).
 */
export function concatenatedValues(buf: Buffer): Range[] {
  const values: Range[] = [];
  let j = skipSpace(buf, 0);
  while (j < buf.length) {
    const start = j;
    j = skipValue(buf, j);
    values.push({ start, end: j });
    j = skipSpace(buf, j);
  }
  return values;
}

function invalid(expected: string, at: number): KeytrailError {
  return new KeytrailError(
    'invalid_json',
    `Invalid JSON: expected ${expected} at byte ${at}.`,
  );
}
