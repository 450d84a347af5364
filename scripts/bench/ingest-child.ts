// One measured ingest, in its own process so that its peak memory is its own.
// Prints one JSON line: the summary plus maxRssBytes.
import { ingestPaths } from '../../src/ingest/ingest.js';
import { CaseStore } from '../../src/store/case-store.js';

const [caseDir, tree] = process.argv.slice(2);
if (!caseDir || !tree) throw new Error('usage: ingest-child.ts <case> <tree>');
const store = await CaseStore.open(caseDir);
const summary = await ingestPaths(store, [tree]);
store.close();
process.stdout.write(
  JSON.stringify({
    ...summary,
    failed: summary.failed.length,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + '\n',
);
