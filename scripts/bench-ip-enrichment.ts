// Measures IP enrichment on a fresh case (not part of the test run):
//   npx tsx scripts/bench-ip-enrichment.ts [rows] [distinct]
// Prints how long prepareIpData takes on first use and when the data is already loaded,
// what the ranges add to the case file, and what enrichedStageSql costs on a batch-sized
// table: with every address new, with every address cached, and within a transaction
// as ingest will call it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { enrichedStageSql, prepareIpData } from '../src/enrich/index.js';

/** Looks the batch's addresses up and reads the enriched rows, as ingest does. */
async function enrichStage(conn: DuckDBConnection, stage: string): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE enriched AS ${await enrichedStageSql(conn, stage)}`,
  );
}
import { CaseStore } from '../src/store/case-store.js';

const ROWS = Number(process.argv[2] ?? 100_000);
const DISTINCT = Number(process.argv[3] ?? 1_000);
const RUNS = 5;

/** Median and range of a few timings, in ms. */
function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return `median ${median} ms (min ${sorted[0] ?? 0}, max ${sorted.at(-1) ?? 0})`;
}

async function scalar(conn: DuckDBConnection, sql: string): Promise<unknown> {
  return (await conn.runAndReadAll(sql)).getRows()[0]?.[0];
}

async function ms<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [Math.round(performance.now() - started), value];
}

/**
 * A batch-like table: ROWS events over DISTINCT addresses, nine in ten IPv4 taken from
 * inside the bundled ranges (so they hit), the rest IPv6; `offset` picks another set.
 */
async function makeStage(conn: DuckDBConnection, offset: number): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE stage AS
    WITH v4 AS (
      SELECT row_number() OVER () AS k,
        (start_ip // 16777216) || '.' || (start_ip // 65536 % 256) || '.' ||
        (start_ip // 256 % 256) || '.' || (start_ip % 256) AS ip
      FROM (SELECT DISTINCT start_ip FROM ip_ranges_asn_v4)
      WHERE hash(start_ip + ${offset}) % 97 = 0
      LIMIT ${Math.ceil(DISTINCT * 0.9)}),
    v6 AS (
      SELECT row_number() OVER () + 1000000 AS k,
        printf('2a0%x:%x::%x', ${offset} % 10, i, i) AS ip FROM range(${Math.floor(DISTINCT * 0.1)}) t(i)),
    ips AS (SELECT row_number() OVER (ORDER BY k) - 1 AS n, ip FROM (SELECT * FROM v4 UNION ALL SELECT * FROM v6))
    SELECT 'bench:' || ${offset} || ':' || i AS event_uid, ips.ip AS src_ip,
      NULL::INTEGER AS src_asn, NULL::VARCHAR AS src_as_name, NULL::VARCHAR AS src_country,
      repeat('x', 400) AS raw
    FROM range(${ROWS}) t(i) JOIN ips ON ips.n = i % ${DISTINCT}`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keytrail-bench-'));
  const store = await CaseStore.open(dir);
  try {
    const dbFile = path.join(dir, 'case.duckdb');
    await store.withConnection((c) => c.run('CHECKPOINT'));
    const emptyBytes = fs.statSync(dbFile).size;

    const [firstMs] = await ms(() => prepareIpData(store));
    const [againMs] = await ms(() => prepareIpData(store));
    await store.withConnection((c) => c.run('CHECKPOINT'));
    const loadedBytes = fs.statSync(dbFile).size;
    console.log(`prepareIpData, first use:      ${firstMs} ms`);
    console.log(`prepareIpData, already loaded: ${againMs} ms`);
    console.log(
      `case file: ${(emptyBytes / 1e6).toFixed(1)} MB empty, ` +
        `${(loadedBytes / 1e6).toFixed(1)} MB with the ranges ` +
        `(+${((loadedBytes - emptyBytes) / 1e6).toFixed(1)} MB)`,
    );

    await store.withWriter(async (conn) => {
      const memory = await conn.runAndReadAll('PRAGMA database_size');
      console.log(
        `DuckDB memory in use: ${String(memory.getRowObjects()[0]?.memory_usage)}`,
      );

      await makeStage(conn, 0);
      const rows = Number(await scalar(conn, 'SELECT count(*) FROM stage'));
      const distinct = Number(
        await scalar(conn, 'SELECT count(DISTINCT src_ip) FROM stage'),
      );
      const fresh: number[] = [];
      const cached: number[] = [];
      const inTransaction: number[] = [];
      for (let round = 0; round < RUNS; round++) {
        await makeStage(conn, 3 * round);
        fresh.push((await ms(() => enrichStage(conn, 'stage')))[0]);
        await makeStage(conn, 3 * round);
        cached.push((await ms(() => enrichStage(conn, 'stage')))[0]);
        // As ingest will call it: the batch table made inside the transaction.
        await conn.run('BEGIN TRANSACTION');
        await makeStage(conn, 3 * round + 1);
        inTransaction.push((await ms(() => enrichStage(conn, 'stage')))[0]);
        await conn.run('COMMIT');
      }
      const filled = await scalar(conn, 'SELECT count(src_asn) FROM stage');
      console.log(
        `enrichStage on ${rows} rows, ${distinct} distinct addresses (${RUNS} runs):`,
      );
      console.log(`  all addresses new:             ${summary(fresh)}`);
      console.log(`  all cached (seen before):      ${summary(cached)}`);
      console.log(`  new, batch table made in a tx: ${summary(inTransaction)}`);
      console.log(`  rows given an ASN in the last run: ${String(filled)}`);

      const cachedRows = await scalar(conn, 'SELECT count(*) FROM ip_info');
      console.log(`ip_info rows: ${String(cachedRows)}`);
    });
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
