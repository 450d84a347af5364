/**
 * Regenerates the bundled demo trail in fixtures/demo/ (or the folder given):
 *   npx tsx test/scenario/generate-demo.ts [outDir]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemo } from './demo.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'fixtures/demo'));

// Only the generated tree is replaced; anything else in the folder (a README) stays.
fs.rmSync(path.join(outDir, 'AWSLogs'), { recursive: true, force: true });
const started = performance.now();
const stats = await writeDemo(outDir);
const seconds = (performance.now() - started) / 1000;
console.log(
  `demo: ${stats.files} files, ${stats.events} events, ` +
    `${(stats.uncompressedBytes / 1e6).toFixed(2)} MB uncompressed, ` +
    `${(stats.compressedBytes / 1e6).toFixed(2)} MB gzip, ${seconds.toFixed(1)} s → ${outDir}`,
);
