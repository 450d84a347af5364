import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrailEvent } from './aws-call.js';
import { MINUTE, utc } from './clock.js';
import { writeDemo } from './demo.js';
import { Rng } from './random.js';
import { listTree, readDeliveryText, readRecords, treeDigest } from './read-tree.js';
import { S3TreeWriter } from './s3-tree.js';
import { deliveryWindows, writeTrail } from './trail-writer.js';
import { buildDemo } from './demo.js';

const NAME =
  /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{12})_CloudTrail_([a-z]{2}-[a-z]+-\d)_(\d{8})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;

let root: string;
let tree: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'keytrail-s3-tree-'));
  tree = path.join(root, 'demo');
  await writeDemo(tree);
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('S3 delivery tree', () => {
  it('names every file like CloudTrail does, one per account, region and window', () => {
    const files = listTree(tree);
    expect(files.length).toBeGreaterThan(100);
    const windows = new Set<string>();
    for (const file of files) {
      const m = NAME.exec(file);
      expect(m, file).not.toBeNull();
      const [, account, region, yyyy, mm, dd, nameAccount, nameRegion, ymd, hh, min] = m!;
      expect(nameAccount).toBe(account);
      expect(nameRegion).toBe(region);
      expect(ymd).toBe(`${yyyy}${mm}${dd}`);
      expect(Number(min) % 5).toBe(0);
      const key = `${account}|${region}|${ymd}T${hh}${min}`;
      expect(windows.has(key), key).toBe(false);
      windows.add(key);
    }
  });

  it('holds minified {"Records":[...]} whose events fall in the five minutes before the stamp', () => {
    for (const file of listTree(tree).slice(0, 200)) {
      const raw = fs.readFileSync(path.join(tree, file));
      expect([raw[0], raw[1]]).toEqual([0x1f, 0x8b]);
      const text = readDeliveryText(path.join(tree, file));
      expect(text.startsWith('{"Records":[{"eventVersion":"1.09","userIdentity":')).toBe(
        true,
      );
      expect(text).not.toContain('\n');
      const [, account, region, , , , , , ymd, hh, min] = NAME.exec(file)!;
      const stamp = utc(
        `${ymd!.slice(0, 4)}-${ymd!.slice(4, 6)}-${ymd!.slice(6)}T${hh}:${min}:00Z`,
      );
      for (const record of readRecords(path.join(tree, file))) {
        expect(record.recipientAccountId).toBe(account);
        expect(record.awsRegion).toBe(region);
        const time = utc(record.eventTime);
        expect(time).toBeLessThan(stamp);
        expect(time).toBeGreaterThanOrEqual(stamp - 5 * MINUTE);
      }
    }
  });

  it('writes the same bytes from worker threads as inline', async () => {
    const demo = buildDemo();
    const dir = path.join(root, 'worker');
    const writer = new S3TreeWriter({
      outDir: dir,
      rng: demo.baseline.base.rng.fork('files'),
      workers: 2,
      batchBytes: 50_000,
      maxPendingBatches: 2,
    });
    const stats = await writeTrail(deliveryWindows(demo.streams()), writer);
    expect(stats.files).toBe(listTree(tree).length);
    expect(treeDigest(dir)).toBe(treeDigest(tree));
  });

  it('stops at exactly maxEvents', async () => {
    const demo = buildDemo();
    const dir = path.join(root, 'cut');
    const writer = new S3TreeWriter({ outDir: dir, rng: new Rng('cut') });
    const stats = await writeTrail(deliveryWindows(demo.streams()), writer, {
      maxEvents: 777,
    });
    expect(stats.events).toBe(777);
    const total = listTree(dir).reduce(
      (n, f) => n + readRecords(path.join(dir, f)).length,
      0,
    );
    expect(total).toBe(777);
  });

  it('refuses a stream that goes back in time', () => {
    const at = (time: number) => ({ time }) as TrailEvent;
    const t = utc('2025-03-03T00:00:00Z');
    const streams = [
      { name: 'broken', events: [at(t + 20 * MINUTE), at(t)][Symbol.iterator]() },
    ];
    expect(() => [...deliveryWindows(streams)]).toThrow(/broken went back in time/);
  });
});
