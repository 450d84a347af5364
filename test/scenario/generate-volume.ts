/**
 * Writes a benchmark CloudTrail tree:
 *   npx tsx test/scenario/generate-volume.ts <outDir> [events=1M]
 *     [--days 30] [--seed s] [--level 1] [--workers 2]
 * Event counts accept 200k, 1M, 10M, 1_000_000 or 1e6.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spannedDays, generateVolume } from './volume.js';

function parseCount(text: string): number {
  const match = /^([\d_.e+]+)([kKmM]?)$/.exec(text);
  const value = match ? Number(match[1]!.replaceAll('_', '')) : Number.NaN;
  const unit = match?.[2]?.toLowerCase();
  const count = Math.round(value * (unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1));
  if (!Number.isSafeInteger(count) || count <= 0)
    throw new Error(`not an event count: ${text}`);
  return count;
}

const positional: string[] = [];
const flags = new Map<string, string>();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!;
  if (arg.startsWith('--')) flags.set(arg.slice(2), args[++i] ?? '');
  else positional.push(arg);
}
if (!positional[0]) {
  console.error(
    'usage: generate-volume.ts <outDir> [events] [--days 30] [--seed s] [--level 1] [--workers 2]',
  );
  process.exit(2);
}

function numberFlag(name: string): number | undefined {
  if (!flags.has(name)) return undefined;
  const value = Number(flags.get(name));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
  return value;
}

const outDir = path.resolve(positional[0]);
const events = parseCount(positional[1] ?? '1M');
fs.rmSync(path.join(outDir, 'AWSLogs'), { recursive: true, force: true });
const started = performance.now();
const stats = await generateVolume({
  events,
  outDir,
  days: numberFlag('days'),
  seed: flags.get('seed'),
  gzipLevel: numberFlag('level'),
  workers: numberFlag('workers'),
});
const seconds = (performance.now() - started) / 1000;
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
console.log(
  [
    `files ${stats.files} (${((100 * stats.filesUnder1KB) / stats.files).toFixed(0)}% under 1 KB gzip)`,
    `events ${stats.events}`,
    `uncompressed ${mb(stats.uncompressedBytes)} MB`,
    `gzip ${mb(stats.compressedBytes)} MB`,
    `${stats.accounts} accounts, ${stats.workloads} workloads, ${spannedDays(stats).toFixed(1)} days`,
    `${seconds.toFixed(1)} s (${Math.round(stats.events / seconds)} events/s)`,
  ].join('\n'),
);
