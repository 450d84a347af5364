import { readOnlyQuery } from '../../query/read-only-query.js';
import { CaseStore } from '../../store/case-store.js';
import type { JsonValue, QueryResult } from '../../api/contract.js';
import { EXIT, terminalSafe, type CliIo } from '../output.js';

export type QueryFormat = 'table' | 'json' | 'csv';

export async function queryCommand(
  caseDir: string,
  sql: string,
  format: QueryFormat,
  io: CliIo,
): Promise<number> {
  const store = await CaseStore.open(caseDir, { create: false });
  try {
    const result = await readOnlyQuery(store, sql, Number.MAX_SAFE_INTEGER - 1);
    io.out(render(result, format));
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function render(result: QueryResult, format: QueryFormat): string {
  const names = result.columns.map((c) => c.name);
  if (format === 'json') {
    const objects = result.rows.map((row) =>
      Object.fromEntries(names.map((n, i) => [n, row[i]])),
    );
    return JSON.stringify(objects) + '\n';
  }
  if (format === 'csv') {
    return (
      [names, ...result.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') +
      '\r\n'
    );
  }
  return table(names, result.rows);
}

/** RFC 4180 quoting, with spreadsheet formulas neutralised (evidence is hostile). */
export function csvCell(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function table(names: string[], rows: JsonValue[][]): string {
  const cells = rows.map((row) =>
    row.map((v) =>
      terminalSafe(
        v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      ),
    ),
  );
  const widths = names.map((n, i) =>
    Math.min(60, Math.max(n.length, ...cells.map((r) => (r[i] ?? '').length))),
  );
  const line = (r: string[]): string =>
    r
      .map((c, i) => (c.length > 60 ? c.slice(0, 59) + '…' : c).padEnd(widths[i] ?? 0))
      .join('  ');
  return (
    [line(names), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join(
      '\n',
    ) + `\n(${rows.length} rows)\n`
  );
}
