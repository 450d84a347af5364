/**
 * Small readers for values found in IAM inventories. Everything here comes from
 * evidence, so each reader accepts `unknown` and returns null for anything unexpected.
 */

/** A JSON object from a parsed inventory, read member by member. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The objects of a list member; anything else in the list is ignored. */
export function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** IAM fields that hold one string or a list of strings (`Action`, `Resource`...). */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string');
}

// `2023-03-09T10:41:45Z` (IAM API), `2023-03-09 10:41:45+00:00` (boto3 str()),
// `2018-08-12T17:20:55+00:00` (credential report); a time without zone is UTC.
const TIME_RE =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** An ISO-8601 UTC string, or null for `N/A`, `no_information`, `not_supported`, junk. */
export function isoTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = TIME_RE.exec(value.trim());
  if (!m) return null;
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const IAM_ARN_RE = /^arn:([^:]+):(?:iam|sts)::([^:]*):/;

/** The account of an IAM or STS ARN (`aws` for AWS-managed policies), or null. */
export function arnAccount(arn: string): string | null {
  return IAM_ARN_RE.exec(arn)?.[2] ?? null;
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), `aws` when unknown. */
export function arnPartition(arn: string | null): string {
  return (arn && IAM_ARN_RE.exec(arn)?.[1]) ?? 'aws';
}

/**
 * A policy document: an object as the CLI prints it, or the URL-encoded JSON string the
 * IAM API returns (RFC 3986 percent-encoding, so `+` stays a plus). Never evaluated.
 */
export function policyDocument(value: unknown): JsonObject | null {
  if (isObject(value)) return value;
  if (typeof value !== 'string') return null;
  for (const text of [safeDecode(value), value]) {
    if (text === null) continue;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed)) return parsed;
    } catch {
      // Not this form; try the next.
    }
  }
  return null;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
