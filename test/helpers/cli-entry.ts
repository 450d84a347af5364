// Runs the `keytrail` command from source (tests spawn it with tsx to kill it mid-run).
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
