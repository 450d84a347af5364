import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createLogger } from '../log/logger.js';
import type { CaseStore } from '../store/case-store.js';
import { dataVersion, installedDataSets, type InstalledDataSet } from './ip-data-sets.js';
import {
  BUCKET_SHIFT,
  IP_TABLES_SQL,
  loadedDataVersion,
  loadRangesSql,
  rangesTable,
  type IpFamily,
} from './ip-tables.js';

const log = createLogger('enrich');

export interface IpDataState {
  /** The data version now in the case, or null when no bundled data could be loaded. */
  version: string | null;
  /** True when this call (re)loaded the ranges. */
  loaded: boolean;
}

/**
 * Makes the bundled IP ranges available in the case, once: when the case already holds
 * this version it only checks, otherwise it loads the ranges (and forgets lookups made
 * with another version). Called once per ingest run, before the first batch.
 *
 * The locked-down DuckDB may only read inside the case folder, so each CSV is first
 * streamed from the package (which may sit inside Electron's asar) into the case's tmp/
 * folder, read there with read_csv, and removed.
 *
 * A failure here never stops an ingest: it is logged, and events go in without ASN and
 * country (or with the previous version's, which stays whole: the load is one
 * transaction).
 */
export async function prepareIpData(store: CaseStore): Promise<IpDataState> {
  const sets = installedDataSets();
  if (!sets) {
    log.warn('bundled IP data not installed; source IPs will not get ASN or country');
    return { version: null, loaded: false };
  }
  const version = dataVersion(sets);

  try {
    return await store.withWriter(async (conn) => {
      await conn.run(IP_TABLES_SQL);
      if ((await loadedDataVersion(conn)) === version) return { version, loaded: false };

      const started = performance.now();
      await loadSets(conn, store.tmpDir, sets, version);
      log.info('IP data loaded', {
        version,
        seconds: (performance.now() - started) / 1000,
      });
      return { version, loaded: true };
    });
  } catch (err) {
    log.error('IP data could not be loaded', { version, err: String(err) });
    const previous = await store.withConnection(loadedDataVersion).catch(() => null);
    return { version: previous, loaded: false };
  }
}

async function loadSets(
  conn: DuckDBConnection,
  tmpDir: string,
  sets: readonly InstalledDataSet[],
  version: string,
): Promise<void> {
  const copies: string[] = [];
  try {
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run('DELETE FROM ip_data_sets');
      for (const set of sets) {
        const counts: Record<IpFamily, number> = { v4: 0, v6: 0 };
        for (const family of ['v4', 'v6'] as const) {
          const copy = tmpCopyPath(tmpDir, set.files[family]);
          copies.push(copy);
          await pipeline(
            fs.createReadStream(path.join(set.dir, set.files[family])),
            fs.createWriteStream(copy),
          );
          await conn.run(loadRangesSql(set.name, family, copy));
          const reader = await conn.runAndReadAll(
            // Each range once: in the bucket of its start.
            `SELECT count(*) FILTER (bucket = start_ip >> ${BUCKET_SHIFT[family]})
             FROM ${rangesTable(set.name, family)}`,
          );
          counts[family] = Number(reader.getRows()[0]?.[0] ?? 0);
        }
        await conn.run(
          `INSERT INTO ip_data_sets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
          [
            set.name,
            set.packageName,
            set.version,
            version,
            set.licence,
            set.attribution,
            counts.v4,
            counts.v6,
          ],
        );
      }
      await conn.run('DELETE FROM ip_info WHERE data_version <> $1', [version]);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK');
      throw err;
    }
  } finally {
    for (const copy of copies) fs.rmSync(copy, { force: true });
  }
}

function tmpCopyPath(tmpDir: string, name: string): string {
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return path.join(tmpDir, `ipdata-${unique}-${name}`);
}
