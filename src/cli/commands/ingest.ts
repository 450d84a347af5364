import {
  ingestPaths,
  type IngestProgress,
  type IngestSummary,
} from '../../ingest/ingest.js';
import { CaseStore } from '../../store/case-store.js';
import { EXIT, terminalSafe, type CliIo } from '../output.js';

export async function ingestCommand(
  caseDir: string,
  paths: string[],
  options: { json: boolean },
  io: CliIo,
): Promise<number> {
  const store = await CaseStore.open(caseDir);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const summary = await ingestPaths(store, paths, {
      signal: controller.signal,
      batchBytes: batchBytesFromEnv(),
      onProgress: io.interactive ? (p) => io.err(progressLine(p)) : undefined,
    });
    if (io.interactive) io.err('\r\x1b[K');
    io.out(options.json ? JSON.stringify(summary) + '\n' : describe(summary));
    if (summary.cancelled) return EXIT.error;
    return summary.failed.length > 0 ? EXIT.partial : EXIT.ok;
  } finally {
    process.off('SIGINT', onSignal);
    store.close();
  }
}

/** KEYTRAIL_BATCH_BYTES: staged bytes per transaction (tests use small batches). */
function batchBytesFromEnv(): number | undefined {
  const value = Number(process.env.KEYTRAIL_BATCH_BYTES);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function progressLine(p: IngestProgress): string {
  const left = p.secondsLeft === null ? '' : `, ~${Math.ceil(p.secondsLeft)} s left`;
  return (
    `\r\x1b[K${p.filesDone}/${p.filesTotal} files, ${p.events.toLocaleString('en-US')} events` +
    ` (${Math.round(p.eventsPerSecond).toLocaleString('en-US')}/s${left})`
  );
}

function describe(s: IngestSummary): string {
  const lines = [
    `files:      ${s.files} (${s.duplicate_files} already in the case, ${s.failed.length} failed)`,
    `events:     ${s.events} new, ${s.duplicates} duplicates, ${s.skipped} skipped`,
    `seconds:    ${s.seconds.toFixed(2)}`,
  ];
  if (s.cancelled) lines.push('cancelled:  yes (what was committed is kept)');
  for (const f of s.failed) {
    lines.push(
      `failed:     ${terminalSafe(f.path)}: ${f.code}: ${terminalSafe(f.message)}`,
    );
  }
  return lines.join('\n') + '\n';
}
