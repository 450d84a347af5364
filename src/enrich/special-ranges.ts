/**
 * Address blocks that never identify a host on the public Internet, after the IANA
 * IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and updates). An address in
 * one of them gets no ASN and no country, whatever the bundled data says: the data has
 * been seen to tag private ranges with a country.
 *
 * IPv6 is public only inside 2000::/3, the one block IANA hands out for global unicast;
 * everything outside it (loopback, link-local fe80::/10, unique-local fc00::/7, multicast
 * ff00::/8, the IPv4-compatible ::/96) is reserved. IPv4-mapped addresses
 * (::ffff:a.b.c.d) are looked up as the IPv4 address they carry, before this check.
 */

const V4_RESERVED = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // carrier-grade NAT shared space
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation (TEST-NET-1)
  '192.88.99.0/24', // deprecated 6to4 relay anycast
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation (TEST-NET-2)
  '203.0.113.0/24', // documentation (TEST-NET-3)
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the limited broadcast 255.255.255.255
];

const V6_RESERVED_IN_GLOBAL = [
  '2001::/23', // IETF protocol assignments (Teredo, ORCHID, AS112, ...)
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4
  '3fff::/20', // documentation (RFC 9637)
];

/** Inclusive numeric bounds of a CIDR block. */
export interface Bounds {
  first: bigint;
  last: bigint;
}

function v4Number(text: string): bigint {
  return text.split('.').reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

function v6Number(text: string): bigint {
  const [head = '', tail = ''] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce(
    (n, group) => (n << 16n) | BigInt(`0x${group}`),
    0n,
  );
}

/** Bounds of a block written the usual way, e.g. `10.0.0.0/8` or `fc00::/7`. */
export function cidrBounds(cidr: string): Bounds {
  const [address = '', prefixText = ''] = cidr.split('/');
  const isV6 = address.includes(':');
  const bits = isV6 ? 128n : 32n;
  const first = isV6 ? v6Number(address) : v4Number(address);
  const hostBits = bits - BigInt(Number(prefixText));
  return { first, last: first | ((1n << hostBits) - 1n) };
}

export const V4_RESERVED_BOUNDS: readonly Bounds[] = V4_RESERVED.map(cidrBounds);
export const V6_GLOBAL_UNICAST: Bounds = cidrBounds('2000::/3');
export const V6_RESERVED_BOUNDS: readonly Bounds[] =
  V6_RESERVED_IN_GLOBAL.map(cidrBounds);
/** ::ffff:0:0/96, the IPv4-mapped addresses. */
export const V4_MAPPED: Bounds = cidrBounds('::ffff:0:0/96');
