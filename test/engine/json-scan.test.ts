import { describe, expect, it } from 'vitest';
import { extract } from '../../src/ingest/formats/extract.js';
import {
  arrayElements,
  concatenatedValues,
  objectMembers,
} from '../../src/ingest/json-scan.js';

const text = (b: Buffer) => b.toString('utf8');

function extractRecords(input: Buffer) {
  const out = extract(input);
  if (out.kind !== 'events') throw new Error('expected events');
  return out;
}
const ct = (name: string, extra = '') =>
  `{"eventVersion":"1.09","eventName":"${name}","eventSource":"s3.amazonaws.com"${extra}}`;

describe('json-scan', () => {
  it('finds array elements exactly, with tricky strings inside', () => {
    const input = Buffer.from(`[ {"a":"x]}\\"{["} , [1,[2]] ,"s\\\\", 3 ]`);
    const { items } = arrayElements(input, 0);
    expect(items.map((r) => input.toString('utf8', r.start, r.end))).toEqual([
      '{"a":"x]}\\"{["}',
      '[1,[2]]',
      '"s\\\\"',
      '3',
    ]);
  });

  it('reads object members in order', () => {
    const input = Buffer.from('{"b": {"c": 1}, "a" : [ ] }');
    expect(objectMembers(input, 0).map((m) => m.key)).toEqual(['b', 'a']);
  });

  it('splits concatenated pretty-printed documents', () => {
    const input = Buffer.from('{\n "a": 1\n}\n{\n "b": 2\n}\n');
    expect(concatenatedValues(input)).toHaveLength(2);
  });

  it('rejects a cut-off document with invalid_json', () => {
    expect(() => arrayElements(Buffer.from('[{"a":1},{"b":'), 0)).toThrowError(
      /never closed/,
    );
  });
});

describe('extractRecords', () => {
  it('recognises the S3 Records wrapper even when other keys come first', () => {
    const out = extractRecords(Buffer.from(`{"x":1,"Records":[${ct('A')},${ct('B')}]}`));
    expect(out.format).toBe('cloudtrail-records');
    expect(out.records.map(text)).toEqual([ct('A'), ct('B')]);
  });

  it('recognises JSON Lines and keeps a broken line as its own record', () => {
    const out = extractRecords(Buffer.from(`${ct('A')}\r\n{"broken"\n${ct('B')}\n`));
    expect(out.format).toBe('cloudtrail-jsonl');
    expect(out.records.map(text)).toEqual([ct('A'), '{"broken"', ct('B')]);
  });

  it('takes records out of EventBridge and SIEM envelopes', () => {
    const eb = `{"version":"0","detail-type":"AWS API Call via CloudTrail","detail":${ct('A')}}`;
    expect(extractRecords(Buffer.from(`[${eb}]`)).records.map(text)).toEqual([ct('A')]);
    const siem = `{"rule_id":"x","log":${ct('B')}}`;
    const out = extractRecords(Buffer.from(`${siem}\n${siem}\n`));
    expect(out.format).toBe('cloudtrail-jsonl+log');
    expect(out.records.map(text)).toEqual([ct('B'), ct('B')]);
  });

  it('refuses JSON that is not a known log', () => {
    expect(() => extractRecords(Buffer.from('[{"name":"x"}]'))).toThrowError(
      expect.objectContaining({ code: 'unknown_format' }),
    );
    expect(() => extractRecords(Buffer.from('hello'))).toThrowError(
      expect.objectContaining({ code: 'unknown_format' }),
    );
  });
});
