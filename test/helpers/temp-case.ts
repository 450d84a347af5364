import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseStore } from '../../src/store/case-store.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(REPO, 'fixtures');
/** The public sample data shared by the team; read only. */
export const SHARED_DATA = path.resolve(REPO, '../shared/data');

/** A fresh folder under the OS temp dir, removed by `cleanup`. */
export function tempDir(prefix = 'keytrail-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function withTempCase<T>(fn: (store: CaseStore) => Promise<T>): Promise<T> {
  const dir = tempDir();
  const store = await CaseStore.open(dir);
  try {
    return await fn(store);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one SELECT and returns rows as objects (test convenience, not the console path). */
export async function rows(
  store: CaseStore,
  sql: string,
): Promise<Record<string, unknown>[]> {
  return store.withConnection(async (conn) =>
    (await conn.runAndReadAll(sql)).getRowObjectsJS(),
  );
}
