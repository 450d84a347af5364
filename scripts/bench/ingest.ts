// npm run bench:ingest [-- <events> [--keep]]: generates a seeded S3-layout CloudTrail
// tree (default 1,000,000 events, cached between runs), ingests it into a fresh case
// and, in the same run on the same files, loads it with DuckDB's naive read_json.
// Prints events/s, MB/s of uncompressed JSON, peak RSS and the ratio to the naive load.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateVolume } from '../../test/scenario/volume.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const events = Number(
  (args.find((a) => !a.startsWith('--')) ?? '1000000').replaceAll('_', ''),
);
const work = path.join(os.tmpdir(), 'keytrail-bench');
const tree = path.join(work, `tree-${events}`);

if (!fs.existsSync(path.join(tree, 'done.json'))) {
  fs.rmSync(tree, { recursive: true, force: true });
  console.log(`generating ${events.toLocaleString('en-US')} events into ${tree} ...`);
  const stats = await generateVolume({ events, outDir: tree, seed: 'bench' });
  fs.writeFileSync(path.join(tree, 'done.json'), JSON.stringify(stats));
}
const stats = JSON.parse(fs.readFileSync(path.join(tree, 'done.json'), 'utf8')) as {
  files: number;
  events: number;
  uncompressedBytes: number;
  compressedBytes: number;
};
const evidence = path.join(tree, 'AWSLogs');

function child(script: string, ...rest: string[]): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(here, script), ...rest],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

const caseDir = path.join(work, 'case');
fs.rmSync(caseDir, { recursive: true, force: true });
const ours = child('ingest-child.ts', caseDir, evidence);
const naiveDb = path.join(work, 'naive.duckdb');
fs.rmSync(naiveDb, { force: true });
fs.rmSync(`${naiveDb}.wal`, { force: true });
const naive = child('naive-child.ts', naiveDb, tree);

const mb = (n: number) => (n / 1e6).toFixed(0);
const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en-US');
const keytrailSeconds = ours.seconds ?? 0;
console.log(`
tree:        ${stats.files.toLocaleString('en-US')} files, ${stats.events.toLocaleString('en-US')} events, ${mb(stats.uncompressedBytes)} MB JSON (${mb(stats.compressedBytes)} MB gzip)
keytrail:    ${keytrailSeconds.toFixed(1)} s, ${rate(ours.events ?? 0, keytrailSeconds)} events/s, ${(stats.uncompressedBytes / 1e6 / keytrailSeconds).toFixed(0)} MB/s, peak RSS ${mb(ours.maxRssBytes ?? 0)} MB (${ours.events} events, ${ours.failed} failed files)
naive:       ${(naive.seconds ?? 0).toFixed(1)} s, ${rate(naive.events ?? 0, naive.seconds ?? 1)} events/s, peak RSS ${mb(naive.maxRssBytes ?? 0)} MB (DuckDB read_json with the Records wrapper declared, no normalization)
ratio:       keytrail is ${((naive.seconds ?? 0) / keytrailSeconds).toFixed(2)}x the naive load's speed
case size:   ${mb(fs.statSync(path.join(caseDir, 'case.duckdb')).size)} MB
`);
if (!args.includes('--keep')) fs.rmSync(caseDir, { recursive: true, force: true });
