import { SCHEMA_VERSION } from '../store/migrations.js';
import type { CaseStore } from '../store/case-store.js';
import { caseOverview } from '../overview/overview.js';
import { readOnlyQuery } from '../query/read-only-query.js';
import { KEYTRAIL_VERSION } from '../version.js';
import type { KeytrailApi } from './contract.js';

/** The engine's operations over one open case. Adapters call these through `dispatch`. */
export function createEngineApi(store: CaseStore): KeytrailApi {
  return {
    caseInfo: async () => ({
      caseDir: store.dir,
      schemaVersion: SCHEMA_VERSION,
      keytrailVersion: KEYTRAIL_VERSION,
    }),
    overview: () => caseOverview(store),
    query: ({ sql, limit }) => readOnlyQuery(store, sql, limit),
  };
}
