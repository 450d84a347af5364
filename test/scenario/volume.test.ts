import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTree, readRecords } from './read-tree.js';
import { generateVolume, planVolume, type VolumeStats } from './volume.js';

const EVENTS = 40_000;
const MB = 1024 * 1024;

// Heap after a full collection is what the run retains; without one the numbers mostly
// show when V8 last got round to collecting.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
function retainedHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

let root: string;
let stats: VolumeStats;
const heap: number[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'keytrail-volume-'));
  let windows = 0;
  stats = await generateVolume({
    events: EVENTS,
    outDir: root,
    days: 2,
    workers: 0,
    onWindow() {
      if (windows++ % 50 === 0) heap.push(retainedHeap());
    },
  });
  heap.push(retainedHeap());
}, 120_000);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('volume generator', () => {
  it('writes exactly the requested number of events', () => {
    expect(stats.events).toBe(EVENTS);
    const files = listTree(root);
    expect(files.length).toBe(stats.files);
    const sample = files.filter((_, i) => i % 50 === 0);
    for (const file of sample)
      expect(readRecords(path.join(root, file)).length).toBeGreaterThan(0);
  });

  it('keeps memory flat: one delivery window at a time', () => {
    // The run writes ~75 MB of JSON; keeping even a fraction of it would show here.
    expect(heap.length).toBeGreaterThan(5);
    const early = heap[1]!;
    expect(Math.max(...heap) - early).toBeLessThan(16 * MB);
    expect(heap.at(-1)! - early).toBeLessThan(8 * MB);
  });

  it('looks like a real trail: many small files, a few busy identities', () => {
    expect(stats.files).toBeGreaterThan(1500);
    expect(stats.filesUnder1KB / stats.files).toBeGreaterThan(0.2);
    expect(stats.uncompressedBytes / stats.events).toBeGreaterThan(1000);
    expect(stats.uncompressedBytes / stats.events).toBeLessThan(2000);
    const accounts = new Set(listTree(root).map((f) => f.split('/')[1]));
    expect(accounts.size).toBe(3);
  });

  it('plans more accounts for bigger runs and a long tail of rates', () => {
    const small = planVolume({ events: 1_000_000, outDir: '' });
    const large = planVolume({ events: 10_000_000, outDir: '' });
    expect(small.accounts).toBe(3);
    expect(large.accounts).toBeGreaterThan(small.accounts * 4);
    const rates = small.workloads.map((w) => w.expectedPerDay).sort((a, b) => b - a);
    const top = rates.slice(0, 3).reduce((a, b) => a + b, 0);
    const total = rates.reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.3);
    expect(rates.filter((r) => r < total / rates.length / 2).length).toBeGreaterThan(10);
  });
});
