import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KeytrailError } from '../errors.js';

export interface InputFile {
  path: string;
  bytes: number;
}

/**
 * Expands the paths a user gave into regular files, depth first and sorted by name so
 * that runs are repeatable. Symbolic links to folders are not followed (they can loop);
 * links to files given on the command line are. Files inside `excludeDir` are left out.
 */
export async function listInputFiles(
  paths: readonly string[],
  excludeDir?: string,
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const excluded = excludeDir ? path.resolve(excludeDir) : null;
  for (const given of paths) {
    const abs = path.resolve(given);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch {
      throw new KeytrailError('not_found', `No such file or folder: ${given}`);
    }
    if (stat.isDirectory()) await walk(abs, files);
    else if (stat.isFile()) files.push({ path: abs, bytes: stat.size });
  }
  // The case's own folder is never evidence (a user may ingest a parent folder).
  return excluded ? files.filter((f) => !f.path.startsWith(excluded + path.sep)) : files;
}

async function walk(dir: string, out: InputFile[]): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    // statSync: a tree holds tens of thousands of small files, and an async stat per
    // file costs a thread-pool round trip each.
    else if (entry.isFile()) out.push({ path: full, bytes: statSync(full).size });
  }
}
