/**
 * Inventory documents (IAM exports, credential reports) go into the identity tables in
 * the same transaction as their evidence_files row. Each source has a loader here.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { KeytrailError } from '../../errors.js';
import type { ExtractedInventory, InventorySource } from '../formats/types.js';
import { loadAuthorizationDetails } from './aws-authorization-load.js';
import { loadCredentialReport } from './aws-credential-report-load.js';

export type InventoryLoader = (
  conn: DuckDBConnection,
  fileId: number,
  document: Buffer,
) => Promise<void>;

const LOADERS: Partial<Record<InventorySource, InventoryLoader>> = {
  aws_iam_authorization: loadAuthorizationDetails,
  aws_credential_report: loadCredentialReport,
};

export async function loadInventory(
  conn: DuckDBConnection,
  fileId: number,
  inventory: ExtractedInventory,
): Promise<void> {
  const loader = LOADERS[inventory.source];
  if (!loader) {
    throw new KeytrailError(
      'unknown_format',
      `No loader for ${inventory.source} inventories.`,
    );
  }
  await loader(conn, fileId, inventory.document);
}
