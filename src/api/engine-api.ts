import { KeytrailError } from '../errors.js';
import { JobRegistry } from '../jobs/jobs.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import type { CaseStore } from '../store/case-store.js';
import { caseOverview } from '../overview/overview.js';
import { readOnlyQuery } from '../query/read-only-query.js';
import { KEYTRAIL_VERSION } from '../version.js';
import type { JobInfo, KeytrailApi } from './contract.js';

/**
 * The engine's operations over one open case. Adapters call these through `dispatch`.
 * `jobs` is shared with whoever starts long work for this case (the Electron main
 * process starts ingests from its file dialog).
 */
export function createEngineApi(store: CaseStore, jobs = new JobRegistry()): KeytrailApi {
  return {
    caseInfo: async () => ({
      caseDir: store.dir,
      schemaVersion: SCHEMA_VERSION,
      keytrailVersion: KEYTRAIL_VERSION,
    }),
    overview: () => caseOverview(store),
    query: ({ sql, limit }) => readOnlyQuery(store, sql, limit),
    jobs: async () => jobs.list() as JobInfo[],
    job: async ({ jobId }) => {
      const status = jobs.status(jobId);
      if (!status) throw new KeytrailError('not_found', 'No such job in this session.');
      return status as JobInfo;
    },
    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
