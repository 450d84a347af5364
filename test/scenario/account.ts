/**
 * An AWS account of a scenario estate: its id, where its workloads run, its trail and
 * the customer-managed KMS key each region uses for S3 and Secrets Manager.
 */
import { accountId } from './aws-ids.js';
import type { Rng } from './random.js';

export interface Account {
  readonly id: string;
  /** Human name used in resource names, e.g. `acme-prod`. */
  readonly alias: string;
  readonly homeRegion: string;
  /** Regions with workloads, home region first. */
  readonly regions: readonly string[];
  /** The multi-region trail that delivers this account's logs. */
  readonly trailArn: string;
  kmsKeyArn(region: string): string;
}

export function makeAccount(
  rng: Rng,
  alias: string,
  regions: readonly string[],
): Account {
  const own = rng.fork(`account/${alias}`);
  const id = accountId(own);
  const homeRegion = regions[0];
  if (!homeRegion) throw new Error(`account ${alias} needs at least one region`);
  const keys = new Map<string, string>();
  return {
    id,
    alias,
    homeRegion,
    regions,
    trailArn: `arn:aws:cloudtrail:${homeRegion}:${id}:trail/${alias}-management-trail`,
    kmsKeyArn(region: string): string {
      let arn = keys.get(region);
      if (!arn) {
        arn = `arn:aws:kms:${region}:${id}:key/${own.fork(`kms/${region}`).uuidV4()}`;
        keys.set(region, arn);
      }
      return arn;
    },
  };
}
