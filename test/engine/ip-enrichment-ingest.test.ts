import fs from 'node:fs';
import path from 'node:path';
import { expect, describe, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/ingest.js';
import type { CaseStore } from '../../src/store/case-store.js';
import { FIXTURES, SHARED_DATA, rows, withTempCase } from '../helpers/temp-case.js';

const NONE = { src_asn: null, src_as_name: null, src_country: null };

/** A plain ingest: it loads the bundled IP data and enriches every batch itself. */
async function ingestAndEnrich(store: CaseStore, paths: string[]): Promise<void> {
  const summary = await ingestPaths(store, paths);
  expect(summary.failed).toEqual([]);
}

describe('ingested events get ASN and country', () => {
  it('for each kind of CloudTrail source address', async () => {
    await withTempCase(async (store) => {
      await ingestAndEnrich(store, [path.join(FIXTURES, 'enrich')]);
      const events = await rows(
        store,
        `SELECT action, src_ip, src_service, src_asn, src_as_name, src_country
         FROM events ORDER BY time`,
      );
      expect(events).toEqual([
        {
          action: 'ConsoleLogin',
          src_ip: '2a05:d018:1a4c:6b00:7f3e:21c9:a5d2:4e10',
          src_service: null,
          src_asn: 16509,
          src_as_name: 'Amazon.com, Inc.',
          src_country: 'IE',
        },
        {
          action: 'GetCallerIdentity',
          src_ip: '92.55.146.245',
          src_service: null,
          src_asn: 39737,
          src_as_name: 'Prime Telecom srl',
          src_country: 'RO',
        },
        {
          action: 'ListBuckets',
          src_ip: '185.220.101.1',
          src_service: null,
          src_asn: 60729,
          src_as_name: 'Stiftung Erneuerbare Freiheit',
          src_country: 'DE',
        },
        // Public, with a registration country but no route in the ASN data.
        {
          action: 'DescribeInstances',
          src_ip: '71.253.251.71',
          src_service: null,
          ...NONE,
          src_country: 'US',
        },
        // Through a VPC endpoint: a private address.
        { action: 'GetObject', src_ip: '10.0.12.34', src_service: null, ...NONE },
        { action: 'AssumeRole', src_ip: null, src_service: 'ec2.amazonaws.com', ...NONE },
        {
          action: 'ListRoles',
          src_ip: '2600:1900:4000:abcd::12',
          src_service: null,
          src_asn: 396982,
          src_as_name: 'Google LLC',
          src_country: 'US',
        },
        { action: 'Decrypt', src_ip: null, src_service: 'AWS Internal', ...NONE },
      ]);
    });
  });

  it('for the Stratus Red Team samples, whose anonymised addresses are often malformed', async () => {
    await withTempCase(async (store) => {
      const folder = path.join(SHARED_DATA, 'stratus-red-team-detonation-logs');
      const logs = fs
        .readdirSync(folder)
        .filter((name) => name.endsWith('.json'))
        .map((name) => path.join(folder, name));
      await ingestAndEnrich(store, logs);
      const byIp = await rows(
        store,
        `SELECT src_ip, any_value(src_asn) AS asn, any_value(src_country) AS country,
           any_value(i.ip_class) AS ip_class
         FROM events e LEFT JOIN ip_info i ON i.ip = e.src_ip
         WHERE src_ip IN ('255.18.064.253', '075.050.255.67', '253.252.51.07',
           '251.228.255.218', '18.236.253.47', '86.245.153.234')
         GROUP BY src_ip ORDER BY src_ip`,
      );
      expect(byIp).toEqual([
        { src_ip: '075.050.255.67', asn: null, country: null, ip_class: 'invalid' },
        { src_ip: '18.236.253.47', asn: 16509, country: 'US', ip_class: 'public' },
        { src_ip: '251.228.255.218', asn: null, country: null, ip_class: 'reserved' },
        { src_ip: '253.252.51.07', asn: null, country: null, ip_class: 'invalid' },
        { src_ip: '255.18.064.253', asn: null, country: null, ip_class: 'invalid' },
        { src_ip: '86.245.153.234', asn: 3215, country: 'FR', ip_class: 'public' },
      ]);
      const [totals] = await rows(
        store,
        `SELECT count(*) FILTER (src_ip IS NOT NULL) AS with_ip,
           count(*) FILTER (src_country IS NOT NULL) AS located,
           count(*) FILTER (i.ip_class <> 'public' AND src_asn IS NOT NULL) AS wrongly_filled
         FROM events e LEFT JOIN ip_info i ON i.ip = e.src_ip`,
      );
      expect(Number(totals?.located)).toBeGreaterThan(0);
      expect(Number(totals?.located)).toBeLessThan(Number(totals?.with_ip));
      expect(totals?.wrongly_filled).toBe(0n);
    });
  });
});
