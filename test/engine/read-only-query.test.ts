import path from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import { readOnlyQuery } from '../../src/query/read-only-query.js';
import { CaseStore } from '../../src/store/case-store.js';
import { FIXTURES, tempDir } from '../helpers/temp-case.js';

let store: CaseStore;

beforeAll(async () => {
  store = await CaseStore.open(tempDir());
  await ingestPaths(store, [path.join(FIXTURES, 'cloudtrail')]);
});
afterAll(() => store.close());

describe('read-only query', () => {
  it('answers a SELECT with JSON-safe values', async () => {
    const result = await readOnlyQuery(
      store,
      'SELECT count(*) AS n, min(time) AS first FROM events',
    );
    expect(result.columns.map((c) => c.name)).toEqual(['n', 'first']);
    expect(result.rows).toEqual([[44, '2024-07-31T12:36:48Z']]);
  });

  it('caps the rows and says so', async () => {
    const result = await readOnlyQuery(store, 'SELECT * FROM range(100)', 10);
    expect(result.rows).toHaveLength(10);
    expect(result.truncated).toBe(true);
  });

  it.each([
    ['DELETE FROM events'],
    ['UPDATE events SET action = NULL'],
    ["INSERT INTO journal VALUES (99, now(), 'x', NULL)"],
    ['DROP TABLE events'],
    ['CREATE TABLE x (a INT)'],
    ["ATTACH '/tmp/other.duckdb'"],
    ['INSTALL inet'],
    ['LOAD inet'],
    ['SET threads = 1'],
    ['PRAGMA enable_profiling'],
    ['SELECT 1; DELETE FROM events'],
  ])('refuses %s', async (sql) => {
    await expect(readOnlyQuery(store, sql)).rejects.toMatchObject({
      code: 'query_not_read_only',
    });
  });

  it('refuses COPY, even into the case folder', async () => {
    const inside = path.join(store.tmpDir, 'out.csv');
    await expect(
      readOnlyQuery(store, `COPY events TO '${inside}'`),
    ).rejects.toMatchObject({
      code: 'query_not_read_only',
    });
    await expect(
      readOnlyQuery(store, "COPY events TO '/tmp/out.csv'"),
    ).rejects.toMatchObject({
      code: 'query_failed',
    });
  });

  it.each([
    ["SELECT * FROM read_text('/etc/passwd')"],
    ["SELECT * FROM read_csv('/etc/hosts')"],
    ["SELECT * FROM read_json_objects('/etc/hostname')"],
  ])('refuses to read files outside the case: %s', async (sql) => {
    await expect(readOnlyQuery(store, sql)).rejects.toMatchObject({
      code: 'query_failed',
    });
  });

  it('leaves the case unchanged after all of that', async () => {
    const result = await readOnlyQuery(store, 'SELECT count(*) FROM events');
    expect(result.rows).toEqual([[44]]);
  });
});
