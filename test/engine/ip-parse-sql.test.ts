import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedIpsSql } from '../../src/enrich/ip-parse-sql.js';
import { cidrBounds } from '../../src/enrich/special-ranges.js';

interface Parsed {
  ip: string | null;
  v4: number | null;
  v6: bigint | null;
  ip_class: string;
}

/** mulberry32: a tiny seeded generator, so the random addresses are the same every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
}

function groupsOf(n: bigint): number[] {
  return Array.from({ length: 8 }, (_, i) =>
    Number((n >> BigInt(112 - 16 * i)) & 0xffffn),
  );
}

/** All eight groups, each padded to four digits. */
function fullForm(n: bigint): string {
  return groupsOf(n)
    .map((g) => g.toString(16).padStart(4, '0'))
    .join(':');
}

/** RFC 5952 form: no leading zeros, the longest run of two or more zero groups as `::`. */
function shortForm(n: bigint): string {
  const groups = groupsOf(n);
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  const head = hex.slice(0, best.start).join(':');
  const tail = hex.slice(best.start + best.length).join(':');
  return `${head}::${tail}`;
}

describe('IP address parsing in SQL', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  afterAll(() => {
    conn.closeSync();
    instance.closeSync();
  });

  async function parse(
    ips: readonly (string | null)[],
  ): Promise<Map<string | null, Parsed>> {
    await conn.run('CREATE OR REPLACE TABLE q (ip VARCHAR)');
    const appender = await conn.createAppender('q');
    for (const ip of ips) {
      if (ip === null) appender.appendNull();
      else appender.appendVarchar(ip);
      appender.endRow();
    }
    appender.closeSync();
    const reader = await conn.runAndReadAll(`SELECT * FROM (${parsedIpsSql('q')})`);
    const parsed = reader.getRowObjectsJS() as unknown as Parsed[];
    return new Map(parsed.map((p) => [p.ip, p]));
  }

  it('reads dotted-decimal IPv4 as its 32-bit number', async () => {
    const random = seeded(4);
    const numbers = Array.from({ length: 300 }, () => Math.floor(random() * 2 ** 32));
    numbers.push(0, 2 ** 32 - 1, 134744072);
    const parsed = await parse(numbers.map(dotted));
    for (const n of numbers) expect(parsed.get(dotted(n))?.v4).toBe(n);
  });

  it('reads IPv6 in every standard spelling as the same 128-bit number', async () => {
    const random = seeded(6);
    const numbers = Array.from({ length: 300 }, () =>
      Array.from({ length: 8 }, () =>
        random() < 0.4 ? 0 : Math.floor(random() * 65536),
      ).reduce((n, g) => (n << 16n) | BigInt(g), 0n),
    );
    numbers.push(0n, 1n, (1n << 128n) - 1n, 0x20014860486000000000000000008888n);
    // IPv4-mapped numbers come back as IPv4; they have their own test.
    const mapped = cidrBounds('::ffff:0:0/96');
    const spellings = numbers
      .filter((n) => n < mapped.first || n > mapped.last)
      .flatMap((n) => [
        [fullForm(n), n] as const,
        [shortForm(n), n] as const,
        [shortForm(n).toUpperCase(), n] as const,
      ]);
    const parsed = await parse(spellings.map(([text]) => text));
    for (const [text, n] of spellings) expect(parsed.get(text)?.v6, text).toBe(n);
  });

  it('reads a dotted IPv4 tail in IPv6, and IPv4-mapped addresses as IPv4', async () => {
    const parsed = await parse([
      '::ffff:8.8.8.8',
      '::FFFF:808:808',
      '0:0:0:0:0:ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
      '2a05:d018::1.2.3.4',
    ]);
    expect(parsed.get('::ffff:8.8.8.8')).toMatchObject({ v4: 134744072, v6: null });
    expect(parsed.get('::FFFF:808:808')).toMatchObject({ v4: 134744072, v6: null });
    expect(parsed.get('0:0:0:0:0:ffff:8.8.8.8')?.v4).toBe(134744072);
    expect(parsed.get('64:ff9b::8.8.8.8')?.v6).toBe(0x0064ff9b000000000000000008080808n);
    expect(parsed.get('2a05:d018::1.2.3.4')?.v6).toBe(
      0x2a05d018000000000000000001020304n,
    );
  });

  it('gives NULL, not an error, for anything that is not an address in standard form', async () => {
    const malformed = [
      '075.050.255.67', // leading zeros: octal to some parsers, decimal to others
      '255.18.064.253',
      '253.252.51.07',
      '0.0.0.00',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.256',
      '1.2.3.-1',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4:443',
      '1.2.3.4/32',
      '١.٢.٣.٤',
      '1::2::3',
      ':::',
      '1:2:3:4:5:6:7:8:9',
      '1::2:3:4:5:6:7:8',
      '12345::1',
      '2001:db8::g',
      '2001:db8:::1',
      ':1::',
      'fe80::1%eth0',
      '[::1]',
      '::1.2.3.04',
      '::ffff:1.2.3',
      '0x1.2.3.4',
      '',
      'AWS Internal',
      'ec2.amazonaws.com',
      `${'1:'.repeat(5000)}1`,
      null,
    ];
    const parsed = await parse(malformed);
    for (const text of malformed) {
      expect(parsed.get(text), String(text)).toMatchObject({
        v4: null,
        v6: null,
        ip_class: 'invalid',
      });
    }
  });

  it('classes private, loopback, link-local, documentation and multicast blocks as reserved', async () => {
    const reserved = [
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '127.0.0.1',
      '100.64.0.1',
      '169.254.169.254',
      '192.0.2.10',
      '198.51.100.7',
      '203.0.113.99',
      '224.0.0.251',
      '251.228.255.218',
      '255.255.255.255',
      '0.0.0.0',
      '::',
      '::1',
      'fe80::1',
      'fd12:3456:789a::1',
      'ff02::1',
      '2001:db8::1',
      '3fff::1',
      '2002:c000:0204::1',
      '::ffff:10.0.0.1',
    ];
    const publicOnes = [
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2a05:d018::1',
      '::ffff:8.8.8.8',
    ];
    const parsed = await parse([...reserved, ...publicOnes]);
    for (const text of reserved)
      expect(parsed.get(text)?.ip_class, text).toBe('reserved');
    for (const text of publicOnes)
      expect(parsed.get(text)?.ip_class, text).toBe('public');
  });

  it('computes CIDR bounds', () => {
    expect(cidrBounds('10.0.0.0/8')).toEqual({ first: 0x0a000000n, last: 0x0affffffn });
    expect(cidrBounds('2000::/3')).toEqual({
      first: 0x2n << 124n,
      last: (0x4n << 124n) - 1n,
    });
  });
});
