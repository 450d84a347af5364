/**
 * The IP data bundled with Keytrail: two npm packages of the ip-location-db project
 * (github.com/sapics/ip-location-db), each a set of CSV files of inclusive ranges. We read
 * the `-num` files, whose range bounds are already integers (IPv4 as 32-bit, IPv6 as a
 * decimal 128-bit number), so loading them needs no address parsing.
 *
 * Both are CC BY 4.0 data: whoever shows or exports what they give must credit the
 * sources named in `attribution` (README.md, "Bundled data"; also kept in each case, in
 * `ip_data_sets`). The packages' own `license` field says CC0-1.0 for asn-country, but its
 * data is the NRO's CC BY 4.0 statistics, so we credit it as CC BY 4.0.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type IpDataSetName = 'asn' | 'country';

export interface IpDataSet {
  name: IpDataSetName;
  packageName: string;
  /** File names inside the package. */
  files: { v4: string; v6: string };
  licence: string;
  attribution: string;
}

export const IP_DATA_SETS: readonly IpDataSet[] = [
  {
    name: 'asn',
    packageName: '@ip-location-db/asn',
    files: { v4: 'asn-ipv4-num.csv', v6: 'asn-ipv6-num.csv' },
    licence: 'CC-BY-4.0',
    attribution:
      'AS numbers and names: ip-location-db "asn" (github.com/sapics/ip-location-db), ' +
      'built from RouteViews (routeviews.org), the NRO statistics of the five RIRs ' +
      '(nro.net) and the DB-IP IP to ASN Lite database (db-ip.com), all CC BY 4.0.',
  },
  {
    name: 'country',
    packageName: '@ip-location-db/asn-country',
    files: { v4: 'asn-country-ipv4-num.csv', v6: 'asn-country-ipv6-num.csv' },
    licence: 'CC-BY-4.0',
    attribution:
      'Countries: ip-location-db "asn-country" (github.com/sapics/ip-location-db), ' +
      'from the NRO statistics of the five RIRs (nro.net), CC BY 4.0. The country is ' +
      'where the address block is registered, not where the host stands.',
  },
];

/** One data set as installed: where its files are and which version they are. */
export interface InstalledDataSet extends IpDataSet {
  version: string;
  dir: string;
}

/**
 * Finds each package through Node's resolver (which also reads inside Electron's asar),
 * or returns null when one is missing (a broken install: enrichment is then skipped).
 */
export function installedDataSets(): InstalledDataSet[] | null {
  const require = createRequire(import.meta.url);
  const found: InstalledDataSet[] = [];
  for (const set of IP_DATA_SETS) {
    let dir: string;
    let manifest: unknown;
    try {
      const manifestPath = require.resolve(`${set.packageName}/package.json`);
      dir = path.dirname(manifestPath);
      manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    } catch {
      return null;
    }
    const version =
      typeof manifest === 'object' && manifest !== null && 'version' in manifest
        ? String(manifest.version)
        : 'unknown';
    found.push({ ...set, version, dir });
  }
  return found;
}

/** The version stamp kept with every cached lookup, e.g. `asn@2.3…;country@2.3…`. */
export function dataVersion(sets: readonly { name: string; version: string }[]): string {
  return sets.map((s) => `${s.name}@${s.version}`).join(';');
}
