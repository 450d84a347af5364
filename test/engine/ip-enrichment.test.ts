import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrichedStageSql, prepareIpData } from '../../src/enrich/index.js';
import { CaseStore } from '../../src/store/case-store.js';
import { rows, tempDir, withTempCase } from '../helpers/temp-case.js';

interface Source {
  ip: string | null;
  asn?: number | null;
  as_name?: string | null;
  country?: string | null;
}

interface Enriched {
  src_ip: string | null;
  src_asn: number | null;
  src_as_name: string | null;
  src_country: string | null;
}

/**
 * Puts `sources` in a batch-shaped temp table (the columns of `events`), runs
 * enrichedStageSql on it as ingest will, and returns the rows in order.
 */
async function enrich(store: CaseStore, sources: readonly Source[]): Promise<Enriched[]> {
  return store.withWriter(async (conn) => {
    await conn.run('CREATE OR REPLACE TEMP TABLE stage AS SELECT * FROM events LIMIT 0');
    for (const [i, s] of sources.entries()) {
      await conn.run(
        `INSERT INTO stage (event_uid, src_ip, src_asn, src_as_name, src_country)
         VALUES ($1, $2, $3, $4, $5)`,
        [`t:${i}`, s.ip, s.asn ?? null, s.as_name ?? null, s.country ?? null],
      );
    }
    const enriched = await enrichedStageSql(conn, 'stage');
    const reader = await conn.runAndReadAll(
      `SELECT src_ip, src_asn, src_as_name, src_country FROM (${enriched})
       ORDER BY CAST(split_part(event_uid, ':', 2) AS INTEGER)`,
    );
    await conn.run('DROP TABLE stage');
    return reader.getRowObjectsJS() as unknown as Enriched[];
  });
}

const NONE = { src_asn: null, src_as_name: null, src_country: null };

function packageFile(pkg: string, file: string): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** `count` rows spread evenly over one of the bundled `-num` CSV files. */
function sampleRows(pkg: string, file: string, count: number): string[][] {
  const lines = fs.readFileSync(packageFile(pkg, file), 'utf8').trimEnd().split('\n');
  const row = (index: number): string[] =>
    (parse(lines[index] ?? '') as string[][])[0] ?? [];
  const picked: string[][] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor(((lines.length - 2) * i) / (count - 1));
    const [start, end, ...rest] = row(index);
    // A range overlapped by the next one is not a clean sample.
    if (BigInt(row(index + 1)[0] ?? '0') > BigInt(end ?? '0')) {
      picked.push([start ?? '', end ?? '', ...rest]);
    }
  }
  return picked;
}

function addressText(n: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  return Array.from({ length: 8 }, (_, i) =>
    ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16),
  ).join(':');
}

describe('IP enrichment from the bundled data', () => {
  let dir: string;
  let store: CaseStore;

  beforeAll(async () => {
    dir = tempDir();
    store = await CaseStore.open(dir);
    await prepareIpData(store);
  });
  afterAll(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps well-known public addresses to their ASN and registration country', async () => {
    const google = { src_asn: 15169, src_as_name: 'Google LLC', src_country: 'US' };
    const found = await enrich(store, [
      { ip: '8.8.8.8' },
      { ip: '2001:4860:4860::8888' },
      { ip: '::ffff:8.8.8.8' },
      { ip: '1.1.1.1' },
      { ip: '193.0.6.139' },
      { ip: '2a05:d018::1' },
    ]);
    expect(found).toEqual([
      { src_ip: '8.8.8.8', ...google },
      { src_ip: '2001:4860:4860::8888', ...google },
      { src_ip: '::ffff:8.8.8.8', ...google },
      {
        src_ip: '1.1.1.1',
        src_asn: 13335,
        src_as_name: 'Cloudflare, Inc.',
        src_country: 'AU',
      },
      {
        src_ip: '193.0.6.139',
        src_asn: 3333,
        src_as_name: 'Reseaux IP Europeens Network Coordination Centre (RIPE NCC)',
        src_country: 'NL',
      },
      {
        src_ip: '2a05:d018::1',
        src_asn: 16509,
        src_as_name: 'Amazon.com, Inc.',
        src_country: 'IE',
      },
    ]);
  });

  it('agrees with the bundled CSV files at the first, middle and last address of ranges', async () => {
    const cases: { ip: string; asn?: number; as_name?: string; country?: string }[] = [];
    const edges = (start: bigint, end: bigint): bigint[] => [
      start,
      (start + end) / 2n,
      end,
    ];
    for (const v6 of [false, true]) {
      const family = v6 ? 'ipv6' : 'ipv4';
      for (const [start, end, asn, name] of sampleRows(
        '@ip-location-db/asn',
        `asn-${family}-num.csv`,
        15,
      )) {
        if (Number(asn) > 2 ** 31 - 1) continue;
        for (const n of edges(BigInt(start ?? ''), BigInt(end ?? ''))) {
          cases.push({ ip: addressText(n, v6), asn: Number(asn), as_name: name ?? '' });
        }
      }
      for (const [start, end, country] of sampleRows(
        '@ip-location-db/asn-country',
        `asn-country-${family}-num.csv`,
        15,
      )) {
        for (const n of edges(BigInt(start ?? ''), BigInt(end ?? ''))) {
          cases.push({ ip: addressText(n, v6), country: country ?? '' });
        }
      }
    }
    expect(cases.length).toBeGreaterThan(150);

    const found = await enrich(store, cases);
    cases.forEach((c, i) => {
      const row = found[i];
      if (c.asn !== undefined) {
        expect(row, c.ip).toMatchObject({ src_asn: c.asn, src_as_name: c.as_name });
      } else {
        expect(row?.src_country, c.ip).toBe(c.country);
      }
    });
  });

  it('gives NULL for malformed, private and reserved addresses, never an error', async () => {
    const ips = [
      '075.050.255.67',
      '255.18.064.253',
      '251.228.255.218',
      '10.0.12.34',
      '169.254.169.254',
      '::1',
      'fe80::1%eth0',
      '2001:db8::1',
      'not an address',
      '',
      'x'.repeat(10_000),
      null,
    ];
    const found = await enrich(
      store,
      ips.map((ip) => ({ ip })),
    );
    expect(found).toEqual(ips.map((ip) => ({ src_ip: ip, ...NONE })));
    const classes = await rows(
      store,
      `SELECT ip, ip_class FROM ip_info
       WHERE ip IN ('075.050.255.67', '10.0.12.34', '::1', 'not an address')
       ORDER BY ip`,
    );
    expect(classes).toEqual([
      { ip: '075.050.255.67', ip_class: 'invalid' },
      { ip: '10.0.12.34', ip_class: 'reserved' },
      { ip: '::1', ip_class: 'reserved' },
      { ip: 'not an address', ip_class: 'invalid' },
    ]);
  });

  it('keeps what the log says and only fills what it leaves out', async () => {
    const found = await enrich(store, [
      { ip: '8.8.8.8', country: 'DE' },
      { ip: '8.8.8.8', asn: 64500, as_name: 'From the log' },
      { ip: '8.8.8.8', asn: 15169 },
      { ip: '8.8.8.8', asn: 1234 },
    ]);
    expect(found).toEqual([
      { src_ip: '8.8.8.8', src_asn: 15169, src_as_name: 'Google LLC', src_country: 'DE' },
      {
        src_ip: '8.8.8.8',
        src_asn: 64500,
        src_as_name: 'From the log',
        src_country: 'US',
      },
      { src_ip: '8.8.8.8', src_asn: 15169, src_as_name: 'Google LLC', src_country: 'US' },
      { src_ip: '8.8.8.8', src_asn: 1234, src_as_name: null, src_country: 'US' },
    ]);
  });

  it('looks each address up once per case and answers later batches from ip_info', async () => {
    await enrich(store, [{ ip: '9.9.9.9' }, { ip: '9.9.9.9' }, { ip: '185.220.101.1' }]);
    await store.withWriter((conn) =>
      conn.run(`UPDATE ip_info SET as_name = 'from the cache' WHERE ip = '9.9.9.9'`),
    );
    const found = await enrich(store, [{ ip: '9.9.9.9' }, { ip: '92.55.146.245' }]);
    expect(found[0]?.src_as_name).toBe('from the cache');
    expect(found[1]).toMatchObject({ src_asn: 39737, src_country: 'RO' });
    const cached = await rows(
      store,
      `SELECT ip, count(*) AS n FROM ip_info
       WHERE ip IN ('9.9.9.9', '185.220.101.1', '92.55.146.245') GROUP BY ip ORDER BY ip`,
    );
    expect(cached.map((r) => [r.ip, r.n])).toEqual([
      ['185.220.101.1', 1n],
      ['9.9.9.9', 1n],
      ['92.55.146.245', 1n],
    ]);
  });

  it('enriches a batch table made inside the ingest transaction, in well under a second', async () => {
    await store.withWriter(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      // 1,000 distinct addresses over 20,000 rows, none seen before in this case.
      await conn.run(`CREATE TEMP TABLE stage AS
        SELECT 't:' || i AS event_uid, '4.' || (i % 1000 // 250) || '.' || (i % 250) || '.7' AS src_ip,
          NULL::INTEGER AS src_asn, NULL::VARCHAR AS src_as_name, NULL::VARCHAR AS src_country
        FROM range(20000) t(i)`);
      const started = performance.now();
      const enriched = await enrichedStageSql(conn, 'stage');
      const filled = await conn.runAndReadAll(
        `SELECT count(DISTINCT src_ip), count(src_country) FROM (${enriched})`,
      );
      const seconds = (performance.now() - started) / 1000;
      await conn.run('DROP TABLE stage');
      await conn.run('COMMIT');
      expect(filled.getRows()[0]).toEqual([1000n, 20000n]);
      // An ASOF join planned as a nested loop took over 30 s here; see ip-lookup-sql.ts.
      expect(seconds).toBeLessThan(5);
    });
  });
});

describe('loading the bundled IP data into a case', () => {
  it('loads once, and again only when the bundled version changes', async () => {
    await withTempCase(async (store) => {
      const first = await prepareIpData(store);
      expect(first).toEqual({
        version: expect.stringMatching(/^asn@.+;country@.+$/),
        loaded: true,
      });
      const sets = await rows(
        store,
        'SELECT dataset, package, version, licence, attribution, ranges_v4, ranges_v6 FROM ip_data_sets ORDER BY dataset',
      );
      expect(sets.map((s) => [s.dataset, s.package, s.licence])).toEqual([
        ['asn', '@ip-location-db/asn', 'CC-BY-4.0'],
        ['country', '@ip-location-db/asn-country', 'CC-BY-4.0'],
      ]);
      expect(String(sets[0]?.attribution)).toMatch(
        /routeviews\.org.*nro\.net.*db-ip\.com/,
      );
      expect(Number(sets[0]?.ranges_v4)).toBeGreaterThan(100_000);
      expect(Number(sets[1]?.ranges_v6)).toBeGreaterThan(10_000);
      const counts = `SELECT (SELECT count(*) FROM ip_ranges_asn_v4) AS a4,
        (SELECT count(*) FROM ip_ranges_asn_v6) AS a6, (SELECT count(*) FROM ip_ranges_country_v4) AS c4,
        (SELECT count(*) FROM ip_ranges_country_v6) AS c6`;
      const loaded = await rows(store, counts);
      expect(fs.readdirSync(store.tmpDir)).toEqual([]);

      expect(await prepareIpData(store)).toEqual({
        version: first.version,
        loaded: false,
      });
      expect(await rows(store, counts)).toEqual(loaded);

      // A case loaded by an older Keytrail: its ranges and cached lookups are replaced.
      await store.withWriter(async (conn) => {
        await conn.run(`UPDATE ip_data_sets SET version = 'old', data_version = 'old'`);
        await conn.run(
          `INSERT INTO ip_info VALUES ('8.8.8.8', 'public', 1, 'stale', 'ZZ', 'old')`,
        );
      });
      expect(await prepareIpData(store)).toEqual({
        version: first.version,
        loaded: true,
      });
      expect(await rows(store, counts)).toEqual(loaded);
      expect(await rows(store, 'SELECT * FROM ip_info')).toEqual([]);
      expect(await rows(store, 'SELECT DISTINCT data_version FROM ip_data_sets')).toEqual(
        [{ data_version: first.version }],
      );
    });
  });

  it('leaves a case without IP data untouched, even inside a transaction', async () => {
    await withTempCase(async (store) => {
      await store.withWriter(async (conn) => {
        await conn.run('BEGIN TRANSACTION');
        await conn.run(
          `CREATE TEMP TABLE stage AS SELECT '8.8.8.8' AS src_ip, NULL::INTEGER AS src_asn,
             NULL::VARCHAR AS src_as_name, NULL::VARCHAR AS src_country`,
        );
        const enriched = await enrichedStageSql(conn, 'stage');
        const reader = await conn.runAndReadAll(`SELECT src_asn FROM (${enriched})`);
        await conn.run('COMMIT');
        expect(reader.getRows()).toEqual([[null]]);
      });
      const tables = await rows(
        store,
        `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'ip_%'`,
      );
      expect(tables).toEqual([]);
    });
  });
});
