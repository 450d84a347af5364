/**
 * The IAM credential report as `aws iam get-credential-report` decodes it or the console
 * downloads it: one row per user, header `user,arn,user_creation_time,password_enabled,
 * ...,access_key_1_active,...,cert_2_last_rotated` (IAM User Guide, "Getting credential
 * reports"). Read whole by `inventory/aws-credential-report.ts`.
 */
import type { CsvInventoryKind } from './csv-kinds.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
] as const;

export const credentialReportCsv: CsvInventoryKind = {
  format: 'aws-credential-report-csv',
  source: 'aws_credential_report',
  matches: (headers) =>
    headers.has('arn') && headers.has('user_creation_time') && headers.has('mfa_active'),
  required: CREDENTIAL_REPORT_COLUMNS,
};
