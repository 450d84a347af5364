/** Test helpers that read a written S3 delivery tree back. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** Every file under `dir`, as sorted paths relative to it with forward slashes. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** SHA-256 over every file's path and bytes, in path order. */
export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of listTree(dir)) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(dir, file)));
  }
  return hash.digest('hex');
}

export function readDeliveryText(file: string): string {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
}

export type ParsedRecord = Record<string, unknown> & {
  eventTime: string;
  eventName: string;
  eventID: string;
  recipientAccountId: string;
  awsRegion: string;
};

export function readRecords(file: string): ParsedRecord[] {
  const parsed = JSON.parse(readDeliveryText(file)) as { Records: ParsedRecord[] };
  return parsed.Records;
}
