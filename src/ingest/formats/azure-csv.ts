/**
 * Log Analytics CSV exports of the Entra and Azure tables (the portal's "Export to CSV",
 * or a query result saved by a script). The header holds the table's column names, the
 * portal adds a type suffix to datetime columns (`TimeGenerated [UTC]`), and `dynamic`
 * columns (Status, LocationDetails, InitiatedBy, Claims_d...) hold their JSON as text.
 *
 * Each row becomes a JSON object keyed by the column name without its suffix, so the
 * normalizers read CSV rows exactly like Log Analytics JSON rows.
 */
import { KeytrailError } from '../../errors.js';
import { isActivityRow, isAuditRow, isSignInRow } from './azure-kinds.js';
import type { CsvKind, CsvRow } from './csv-kinds.js';

const SUFFIX_RE = /\s*\[([^\]]*)\]$/;

function columnNames(headers: ReadonlySet<string>): Set<string> {
  return new Set([...headers].map((h) => h.replace(SUFFIX_RE, '')));
}

function rowRecord(row: CsvRow): string {
  const record: Record<string, string> = {};
  for (const [header, value] of Object.entries(row)) {
    const suffix = SUFFIX_RE.exec(header)?.[1] ?? '';
    // The portal can display, and so export, times in the browser's zone, which the
    // file does not name: reading them as UTC would shift every event silently.
    if (/local/i.test(suffix)) {
      throw new KeytrailError(
        'invalid_input',
        `The column "${header}" holds local times of an unknown zone; ` +
          'export the query again with the time display set to UTC.',
      );
    }
    record[header.replace(SUFFIX_RE, '')] = value;
  }
  return JSON.stringify(record);
}

export const AZURE_CSV_KINDS: readonly CsvKind[] = [
  {
    format: 'entra_audit-log-analytics-csv',
    source: 'entra_audit',
    matches: (headers) => isAuditRow(columnNames(headers)),
    record: rowRecord,
  },
  {
    format: 'entra_signin-log-analytics-csv',
    source: 'entra_signin',
    matches: (headers) => isSignInRow(columnNames(headers)),
    record: rowRecord,
  },
  {
    format: 'azure_activity-log-analytics-csv',
    source: 'azure_activity',
    matches: (headers) => isActivityRow(columnNames(headers)),
    record: rowRecord,
  },
];
