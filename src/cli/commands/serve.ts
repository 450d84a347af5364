import { createEngineApi } from '../../api/engine-api.js';
import { startServer } from '../../server/server.js';
import { CaseStore } from '../../store/case-store.js';
import { EXIT, type CliIo } from '../output.js';

/** Serves the page and API until the process is stopped. */
export async function serveCommand(
  caseDir: string,
  port: number,
  io: CliIo,
  store?: CaseStore,
): Promise<number> {
  const open = store ?? (await CaseStore.open(caseDir, { create: false }));
  const server = await startServer(createEngineApi(open), { port });
  io.out(`Keytrail is serving ${open.dir}\nOpen ${server.url}\n(Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  open.close();
  return EXIT.ok;
}
