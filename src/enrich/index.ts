/**
 * Source-IP enrichment from the bundled ip-location-db data (see ip-data-sets.ts for the
 * data and its licence, ip-tables.ts for the case tables). Ingest calls prepareIpData
 * once per run, then inserts each batch into `events` through enrichedStageSql.
 */
export { enrichedStageSql } from './enrich-stage.js';
export { IP_DATA_SETS } from './ip-data-sets.js';
export { prepareIpData, type IpDataState } from './prepare-ip-data.js';
