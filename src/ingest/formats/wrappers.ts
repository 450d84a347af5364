/**
 * Wrapper documents: one JSON object whose member holds the records. Each entry names
 * the key that marks it and how to read it. `classify` names the log kind from the
 * records themselves, so `{"records":[...]}` serves every Azure diagnostic category.
 */
import { arrayElements, type Range } from '../json-scan.js';
import { IAM_WRAPPERS } from './aws-iam-wrappers.js';
import { AZURE_WRAPPERS } from './azure-wrappers.js';
import { lookupEvents } from './cloudtrail-lookup-events.js';
import { athenaQueryResults, lakeQueryResults } from './cloudtrail-query-results.js';
import type { EventSource, Extracted } from './types.js';

export type Member = { key: string; value: Range };
/** Names the log kind from the records; `fallback` is the kind of an empty list. */
export type Classify = (
  items: Range[],
  form: string,
  fallback?: EventSource,
) => Extracted;

export interface Wrapper {
  key: string;
  read(
    text: Buffer,
    member: Member,
    members: Member[],
    classify: Classify,
  ): Extracted | null;
}

/** `{"Records":[...]}`: CloudTrail's S3 delivery file. */
const s3Records: Wrapper = {
  key: 'Records',
  read: (text, member, _members, classify) =>
    text[member.value.start] === 0x5b
      ? classify(arrayElements(text, member.value.start).items, 'records', 'cloudtrail')
      : null,
};

export const WRAPPERS: Wrapper[] = [
  s3Records,
  ...IAM_WRAPPERS,
  ...AZURE_WRAPPERS,
  lookupEvents,
  lakeQueryResults,
  athenaQueryResults,
];

export const WRAPPER_KEYS: ReadonlySet<string> = new Set(WRAPPERS.map((w) => w.key));

export function readWrapper(
  text: Buffer,
  members: Member[],
  classify: Classify,
): Extracted | null {
  for (const wrapper of WRAPPERS) {
    const member = members.find((m) => m.key === wrapper.key);
    if (!member) continue;
    const read = wrapper.read(text, member, members, classify);
    if (read) return read;
  }
  return null;
}
