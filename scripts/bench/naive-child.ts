// DuckDB's own JSON reader loading the same tree the simplest way that works: read_json
// over every delivery file with the Records wrapper declared (auto-detection fails on
// real trails, whose records differ in shape), one JSON row per record. No
// normalization, no hashes, no dedup: the yardstick the ingest target is set against.
import { DuckDBInstance } from '@duckdb/node-api';

const [dbPath, tree] = process.argv.slice(2);
if (!dbPath || !tree) throw new Error('usage: naive-child.ts <db> <tree>');
const instance = await DuckDBInstance.create(dbPath);
const conn = await instance.connect();
const glob = `${tree.replaceAll("'", "''")}/**/*.json.gz`;
const started = performance.now();
await conn.run(`CREATE TABLE naive AS
  SELECT unnest(Records) AS record FROM read_json('${glob}',
    columns = {'Records': 'JSON[]'}, maximum_object_size = 1073741824)`);
const seconds = (performance.now() - started) / 1000;
const count = Number(
  (await conn.runAndReadAll('SELECT count(*) FROM naive')).getRows()[0]?.[0],
);
conn.closeSync();
instance.closeSync();
process.stdout.write(
  JSON.stringify({
    seconds,
    events: count,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\n',
);
