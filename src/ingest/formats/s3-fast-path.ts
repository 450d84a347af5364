/**
 * The fast path for CloudTrail's own S3 delivery files, which are most of what a
 * responder ingests: minified `{"Records":[{"eventVersion":...},{"eventVersion":...}]}`.
 * Every record there starts with `{"eventVersion":`, and the bytes `},{"eventVersion":`
 * cannot occur inside a JSON string (its quotes would be escaped), so records are cut at
 * those bytes with the native Buffer.indexOf instead of scanning every byte. Anything
 * unusual returns null and goes through the general scanner; DuckDB still validates
 * every record.
 */
const HEAD = Buffer.from('{"Records":[');
const FIRST = Buffer.from('{"eventVersion":');
const BOUNDARY = Buffer.from('},{"eventVersion":');

export function splitS3Delivery(text: Buffer): Buffer[] | null {
  if (!startsWith(text, HEAD, 0) || !startsWith(text, FIRST, HEAD.length)) return null;

  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  // The document must end with `}]}`: the last record, the array, the wrapper.
  if (text[end - 1] !== 0x7d || text[end - 2] !== 0x5d || text[end - 3] !== 0x7d)
    return null;
  const lastRecordEnd = end - 2;

  const records: Buffer[] = [];
  let start = HEAD.length;
  for (;;) {
    const cut = text.indexOf(BOUNDARY, start);
    if (cut < 0 || cut >= lastRecordEnd) break;
    records.push(text.subarray(start, cut + 1));
    start = cut + 2;
  }
  records.push(text.subarray(start, lastRecordEnd));
  return records;
}

function startsWith(text: Buffer, prefix: Buffer, at: number): boolean {
  return (
    text.length >= at + prefix.length &&
    text.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0
  );
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
