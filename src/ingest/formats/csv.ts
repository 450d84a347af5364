/**
 * CSV evidence: console downloads, Log Analytics and Athena/Lake exports, often re-saved
 * by a spreadsheet (BOM, CRLF, `;` separators, quoted multi-line cells). csv-parse does
 * the parsing; this file recognises the export from its header and turns rows into
 * records.
 */
import { parse } from 'csv-parse/sync';
import { KeytrailError } from '../../errors.js';
import { CSV_INVENTORY_KINDS, CSV_KINDS, type CsvRow } from './csv-kinds.js';
import type { Extracted } from './types.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** Reads `text` as a CSV export, or returns null when it does not look like CSV at all. */
export function extractCsv(text: Buffer): Extracted | null {
  const headerEnd = text.indexOf(0x0a);
  const headerLine = text.toString(
    'utf8',
    0,
    headerEnd < 0 ? Math.min(text.length, 65536) : headerEnd,
  );
  const delimiter = sniffDelimiter(headerLine);
  if (!delimiter) return null;

  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    throw new KeytrailError(
      'invalid_input',
      `The CSV cannot be parsed: ${(err as Error).message}`,
    );
  }
  const [header, ...body] = rows;
  if (!header) return null;
  const headers = header.map((h) => h.trim());
  const headerSet = new Set(headers);

  const inventory = CSV_INVENTORY_KINDS.find((k) => k.matches(headerSet));
  if (inventory) {
    requireColumns(inventory, headerSet);
    const { format, source } = inventory;
    return { kind: 'inventory', format, source, document: text };
  }
  const kind = CSV_KINDS.find((k) => k.matches(headerSet));
  if (!kind) return null;
  requireColumns(kind, headerSet);

  const records = body.map((cells) => {
    if (cells.length !== headers.length) return INVALID;
    const row: CsvRow = {};
    headers.forEach((name, i) => (row[name] = cells[i] ?? ''));
    const record = kind.record ? kind.record(row) : JSON.stringify(row);
    return record === null ? INVALID : Buffer.from(record, 'utf8');
  });
  return { kind: 'events', format: kind.format, source: kind.source, records };
}

function requireColumns(
  kind: { format: string; required?: readonly string[] },
  headers: ReadonlySet<string>,
): void {
  const missing = (kind.required ?? []).filter((column) => !headers.has(column));
  if (missing.length > 0) {
    throw new KeytrailError(
      'invalid_input',
      `This looks like a ${kind.format} file, but the columns ${missing.join(', ')} are missing.`,
    );
  }
}

/**
 * A record that is not valid JSON: a row with the wrong number of cells. Staging refuses
 * it (it holds a control byte), so it is counted as skipped in its file.
 */
const INVALID = Buffer.from('\u0001');

function sniffDelimiter(line: string): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return bestCount >= 1 ? best : null;
}
