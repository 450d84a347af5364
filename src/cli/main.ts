import path from 'node:path';
import { parseArgs } from 'node:util';
import { KeytrailError } from '../errors.js';
import { createLogger } from '../log/logger.js';
import { KEYTRAIL_VERSION } from '../version.js';
import { demoCommand } from './commands/demo.js';
import { ingestCommand } from './commands/ingest.js';
import { queryCommand } from './commands/query.js';
import { serveCommand } from './commands/serve.js';
import { EXIT, processIo, terminalSafe, type CliIo } from './output.js';

const log = createLogger('cli');

const USAGE = `Usage: keytrail <command> [options]

  ingest <case-dir> <path>... [--json]     read evidence files into a case
  query <case-dir> "<sql>" [--json|--csv]  read-only SQL over the case tables
  serve <case-dir> [--port N]              the page and API on 127.0.0.1
  demo [<case-dir>] [--port N]             build the demo case and open it
  version                                  print the version

Exit codes: 0 done, 1 error, 2 usage error, 3 some files could not be read.
`;

class UsageError extends Error {}

/** Runs one `keytrail` command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`keytrail: ${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof KeytrailError) {
      io.err(`keytrail: ${err.code}: ${terminalSafe(err.message)}\n`);
      return err.code === 'usage' ? EXIT.usage : EXIT.error;
    }
    log.error('unexpected failure', {
      err: err instanceof Error ? err.stack : String(err),
    });
    io.err(`keytrail: internal error: ${terminalSafe(String(err))}\n`);
    return EXIT.error;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ingest': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      const [caseDir, ...paths] = positionals;
      if (!caseDir || paths.length === 0)
        throw new UsageError('ingest needs a case folder and paths');
      return ingestCommand(caseDir, paths, { json: values.json === true }, io);
    }
    case 'query': {
      const { values, positionals } = parse(rest, {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
      });
      const [caseDir, sql, ...extra] = positionals;
      if (!caseDir || !sql || extra.length)
        throw new UsageError('query needs a case folder and one SQL text');
      if (values.json && values.csv) throw new UsageError('choose --json or --csv');
      return queryCommand(
        caseDir,
        sql,
        values.json ? 'json' : values.csv ? 'csv' : 'table',
        io,
      );
    }
    case 'serve': {
      const { values, positionals } = parse(rest, { port: { type: 'string' } });
      const [caseDir, ...extra] = positionals;
      if (!caseDir || extra.length) throw new UsageError('serve needs one case folder');
      return serveCommand(caseDir, portOption(values.port), io);
    }
    case 'demo': {
      const { values, positionals } = parse(rest, { port: { type: 'string' } });
      const caseDir = positionals[0] ?? path.resolve('.demo-case');
      return demoCommand(caseDir, portOption(values.port), io);
    }
    case 'version':
    case '--version':
      io.out(`${KEYTRAIL_VERSION}\n`);
      return EXIT.ok;
    case undefined:
    case 'help':
    case '--help':
      io.out(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown command '${terminalSafe(command)}'`);
  }
}

type Options = Parameters<typeof parseArgs>[0] extends infer C
  ? C extends { options?: infer O }
    ? O
    : never
  : never;

function parse<O extends NonNullable<Options>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function portOption(value: string | boolean | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port takes 0-65535');
  return port;
}
