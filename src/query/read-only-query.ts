import { StatementType } from '@duckdb/node-api';
import { KeytrailError } from '../errors.js';
import type { CaseStore } from '../store/case-store.js';
import { columnsOf, jsonRows } from '../store/rows.js';
import type { QueryResult } from '../api/contract.js';

export const DEFAULT_ROW_LIMIT = 10_000;

/**
 * Runs one SELECT over the case, read-only for real: the statement must parse as a
 * single SELECT, it runs in a transaction that is always rolled back, and the database
 * itself refuses file access outside the case folder and configuration changes (see
 * CaseStore.lockDown).
 */
export async function readOnlyQuery(
  store: CaseStore,
  sql: string,
  limit = DEFAULT_ROW_LIMIT,
): Promise<QueryResult> {
  return store.withConnection(async (conn) => {
    let prepared;
    try {
      const statements = await conn.extractStatements(sql);
      if (statements.count !== 1) {
        throw new KeytrailError(
          'query_not_read_only',
          'Give exactly one SELECT statement.',
        );
      }
      prepared = await statements.prepare(0);
    } catch (err) {
      if (err instanceof KeytrailError) throw err;
      throw new KeytrailError('query_failed', cleanMessage(err));
    }
    if (prepared.statementType !== StatementType.SELECT) {
      throw new KeytrailError(
        'query_not_read_only',
        'Only SELECT queries run here: the case is read-only from the console.',
      );
    }

    await conn.run('BEGIN TRANSACTION READ ONLY');
    try {
      const reader = await prepared.runAndReadUntil(limit + 1);
      const rows = jsonRows(reader);
      const truncated = rows.length > limit;
      return {
        columns: columnsOf(reader),
        rows: truncated ? rows.slice(0, limit) : rows,
        truncated,
      };
    } catch (err) {
      throw new KeytrailError('query_failed', cleanMessage(err));
    } finally {
      await conn.run('ROLLBACK');
    }
  });
}

function cleanMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim().split('\n').slice(0, 3).join(' ');
}
