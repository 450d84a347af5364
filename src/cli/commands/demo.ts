import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ingestPaths } from '../../ingest/ingest.js';
import { CaseStore } from '../../store/case-store.js';
import { packageRoot } from '../../util/package-root.js';
import { EXIT, type CliIo } from '../output.js';
import { serveCommand } from './serve.js';

/**
 * Builds a case from the bundled demo evidence (fixtures/demo) and opens it: in the
 * Electron shell when its binary is installed, else in the browser through `serve`.
 */
export async function demoCommand(
  caseDir: string,
  port: number,
  io: CliIo,
): Promise<number> {
  const demoData = path.join(packageRoot(), 'fixtures', 'demo');
  const store = await CaseStore.open(caseDir);
  const summary = await ingestPaths(store, [demoData]);
  io.out(
    `Demo case ${store.dir}: ${summary.events} new events from ${summary.files} files` +
      ` (${summary.duplicate_files} already ingested).\n`,
  );

  const electron = electronBinary();
  if (electron) {
    store.close();
    io.out('Opening the Keytrail window…\n');
    const child = spawn(electron, [packageRoot(), '--case', store.dir], {
      stdio: 'inherit',
    });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? EXIT.ok)));
  }
  io.out('Electron is not installed here; opening the page in browser mode.\n');
  return serveCommand(store.dir, port, io, store);
}

/** The Electron executable's path, when the `electron` package has its binary. */
function electronBinary(): string | null {
  try {
    const located: unknown = createRequire(import.meta.url)('electron');
    return typeof located === 'string' && fs.existsSync(located) ? located : null;
  } catch {
    return null;
  }
}
