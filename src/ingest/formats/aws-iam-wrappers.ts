/**
 * IAM inventories saved as JSON, recognised by their top-level keys:
 *
 * - `aws iam get-account-authorization-details`: `UserDetailList`, `GroupDetailList`,
 *   `RoleDetailList` (and `Policies`, too common a key to mark the file alone). A page
 *   of a paginated call has all of them, possibly empty, with `IsTruncated`/`Marker`.
 * - `aws iam get-credential-report`: `{"Content": <CSV, base64>, "ReportFormat":
 *   "text/csv", "GeneratedTime": ...}`.
 *
 * Both are read whole by their loader in `inventory/`, so the document is the file.
 */
import type { Extracted } from './types.js';
import type { Member, Wrapper } from './wrappers.js';

const OPEN_BRACKET = 0x5b;
const QUOTE = 0x22;

const AUTHORIZATION_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList'];

function authorizationDetails(key: string): Wrapper {
  return {
    key,
    read: (text, member): Extracted | null =>
      text[member.value.start] === OPEN_BRACKET
        ? {
            kind: 'inventory',
            format: 'aws-iam-authorization-details',
            source: 'aws_iam_authorization',
            document: text,
          }
        : null,
  };
}

/** The report answer has a string `Content` beside `ReportFormat` or `GeneratedTime`. */
const credentialReport: Wrapper = {
  key: 'Content',
  read: (text, member, members: Member[]): Extracted | null =>
    text[member.value.start] === QUOTE &&
    members.some((m) => m.key === 'ReportFormat' || m.key === 'GeneratedTime')
      ? {
          kind: 'inventory',
          format: 'aws-credential-report-json',
          source: 'aws_credential_report',
          document: text,
        }
      : null,
};

export const IAM_WRAPPERS: Wrapper[] = [
  ...AUTHORIZATION_LISTS.map(authorizationDetails),
  credentialReport,
];
