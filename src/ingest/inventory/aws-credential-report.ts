/**
 * The IAM credential report (IAM API GetCredentialReport): one CSV row per user with its
 * password, two access key slots, two signing certificate slots and MFA. The API answers
 * `{"Content": <base64 CSV>, "ReportFormat": "text/csv", "GeneratedTime": ...}`; some
 * tools save Content already decoded, and the console downloads the bare CSV.
 *
 * The report never names access key ids, so a key is recorded by its slot
 * (`<user ARN>#access_key_1`); credential resolution later moves the slot's facts onto
 * the key id when a key of the same user was created at the same second.
 */
import { parse } from 'csv-parse/sync';
import { KeytrailError } from '../../errors.js';
import { arnAccount, isObject, isoTime, str } from './aws-values.js';

export interface ReportIdentity {
  identity_id: string;
  kind: string;
  name: string;
  account: string | null;
  created_at: string | null;
  arn: string;
}

export interface ReportCredential {
  credential_id: string;
  kind: string;
  identity_id: string;
  account: string | null;
  status: string | null;
  status_at: string | null;
  created_at: string | null;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface CredentialReport {
  /** GeneratedTime, or for a bare CSV the latest date it holds (a lower bound). */
  asOf: string | null;
  identities: ReportIdentity[];
  credentials: ReportCredential[];
}

type Row = Record<string, string>;

export function parseCredentialReport(document: Buffer): CredentialReport {
  const { csv, generated } = unwrap(document);
  let rows: Row[];
  try {
    rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (err) {
    throw new KeytrailError(
      'invalid_input',
      `The credential report CSV cannot be parsed: ${(err as Error).message}`,
    );
  }
  const asOf = generated ?? latestDate(rows);
  const report: CredentialReport = { asOf, identities: [], credentials: [] };
  for (const row of rows) addUser(report, row, asOf);
  return report;
}

function unwrap(document: Buffer): { csv: string; generated: string | null } {
  const text = document.toString('utf8').trim();
  if (!text.startsWith('{')) return { csv: text, generated: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new KeytrailError(
      'invalid_json',
      `The credential report is not valid JSON: ${(err as Error).message}`,
    );
  }
  const content = isObject(parsed) ? str(parsed.Content) : null;
  if (!isObject(parsed) || content === null) {
    throw new KeytrailError('invalid_input', 'The credential report has no Content.');
  }
  return { csv: decodeContent(content), generated: isoTime(parsed.GeneratedTime) };
}

/** Base64 as the API returns it, or CSV text as some tools save it. */
function decodeContent(content: string): string {
  const compact = content.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && !content.includes(',')) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    if (decoded.includes(',')) return decoded;
  }
  return content;
}

function latestDate(rows: Row[]): string | null {
  let latest: string | null = null;
  for (const row of rows) {
    for (const value of Object.values(row)) {
      const t = isoTime(value);
      if (t && (!latest || t > latest)) latest = t;
    }
  }
  return latest;
}

/** A report cell, without the report's words for nothing (`N/A`, `no_information`...). */
function fact(value: string | undefined): string | null {
  return value && !NO_VALUE.has(value) ? value : null;
}

const NO_VALUE = new Set(['N/A', 'no_information', 'not_supported']);

function flag(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function status(active: boolean | null): string | null {
  return active === null ? null : active ? 'Active' : 'Inactive';
}

function addUser(report: CredentialReport, row: Row, asOf: string | null): void {
  const arn = str(row.arn);
  if (!arn) return;
  const isRoot = /:root$/.test(arn);
  const account = arnAccount(arn);
  report.identities.push({
    identity_id: arn,
    kind: isRoot ? 'root' : 'user',
    name: isRoot ? 'root' : (str(row.user) ?? arn.replace(/^.*\//, '')),
    account,
    created_at: isoTime(row.user_creation_time),
    arn,
  });
  const credential = (
    suffix: string,
    kind: string,
    facts: Partial<ReportCredential>,
  ): void => {
    report.credentials.push({
      credential_id: `${arn}#${suffix}`,
      kind,
      identity_id: arn,
      account,
      status: null,
      status_at: asOf,
      created_at: null,
      last_used_at: null,
      last_used_service: null,
      last_used_region: null,
      ...facts,
    });
  };

  // Root has `not_supported` here: it always has a password, whose status is unknown.
  credential('password', 'password', {
    status: status(flag(row.password_enabled)),
    created_at: isoTime(row.password_last_changed),
    last_used_at: isoTime(row.password_last_used),
  });
  credential('mfa', 'mfa', { status: status(flag(row.mfa_active)) });
  for (const n of [1, 2]) {
    const active = flag(row[`access_key_${n}_active`]);
    const rotated = isoTime(row[`access_key_${n}_last_rotated`]);
    // An empty slot is `false` with `N/A` dates: no key to record.
    if (active || rotated) {
      credential(`access_key_${n}`, 'access_key', {
        status: status(active),
        created_at: rotated,
        last_used_at: isoTime(row[`access_key_${n}_last_used_date`]),
        last_used_region: fact(row[`access_key_${n}_last_used_region`]),
        last_used_service: fact(row[`access_key_${n}_last_used_service`]),
      });
    }
  }
  for (const n of [1, 2]) {
    const active = flag(row[`cert_${n}_active`]);
    const rotated = isoTime(row[`cert_${n}_last_rotated`]);
    if (active || rotated) {
      credential(`cert_${n}`, 'certificate', {
        status: status(active),
        created_at: rotated,
      });
    }
  }
}
