/**
 * IP address text → numbers, in DuckDB SQL (no `inet` extension: it would be downloaded
 * at run time). Anything that is not an address in its standard text form yields NULL,
 * never an error: evidence is attacker-controlled, and one bad value must not fail a
 * batch.
 *
 * IPv4 is strict dotted decimal, four parts of 0–255 without leading zeros. `075.050.255.67`
 * is rejected on purpose: older parsers (inet_aton) read a leading zero as octal, so the
 * same text names two different hosts depending on the tool; we name neither.
 * IPv6 follows RFC 4291 section 2.2: up to eight groups of 1–4 hex digits, one `::` for a
 * run of zero groups, and optionally a dotted IPv4 address (same rules) as the last 32
 * bits. Zone ids (`fe80::1%eth0`), brackets, ports and prefixes are not addresses here.
 */
import {
  V4_MAPPED,
  V4_RESERVED_BOUNDS,
  V6_GLOBAL_UNICAST,
  V6_RESERVED_BOUNDS,
  type Bounds,
} from './special-ranges.js';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const V4_RE = `'(?:${OCTET}\\.){3}${OCTET}'`;

/** The longest standard text of an address: IPv6 with a dotted IPv4 tail. */
const MAX_TEXT = 45;

/** SQL: the dotted-decimal IPv4 address in `expr` as a UINTEGER, or NULL. */
export function ipv4NumberSql(expr: string): string {
  const part = (i: number): string =>
    `TRY_CAST(split_part(${expr}, '.', ${i}) AS UBIGINT)`;
  return `CASE WHEN regexp_full_match(${expr}, ${V4_RE}) THEN
    ((${part(1)} << 24) | (${part(2)} << 16) | (${part(3)} << 8) | ${part(4)})::UINTEGER END`;
}

function uhuge(n: bigint): string {
  return `'${n.toString()}'::UHUGEINT`;
}

function within(expr: string, bounds: readonly Bounds[], literal: (n: bigint) => string) {
  return bounds
    .map((b) => `${expr} BETWEEN ${literal(b.first)} AND ${literal(b.last)}`)
    .join(' OR ');
}

/**
 * A SELECT over `relation` (a table name or parenthesised subquery with a VARCHAR column
 * `ip`) giving, per row: `ip`; `v4` (UINTEGER, also for IPv4-mapped IPv6); `v6`
 * (UHUGEINT, other IPv6); and `ip_class`: `public`, `reserved` (see special-ranges.ts)
 * or `invalid`.
 */
export function parsedIpsSql(relation: string): string {
  const mapped = `n6 BETWEEN ${uhuge(V4_MAPPED.first)} AND ${uhuge(V4_MAPPED.last)}`;
  const v4Reserved = within('v4', V4_RESERVED_BOUNDS, (n) => `${n}::UINTEGER`);
  const v6Reserved =
    `v6 NOT BETWEEN ${uhuge(V6_GLOBAL_UNICAST.first)} AND ${uhuge(V6_GLOBAL_UNICAST.last)}` +
    ` OR ${within('v6', V6_RESERVED_BOUNDS, uhuge)}`;
  return `
  WITH lowered AS (
    SELECT ip, CASE WHEN length(ip) <= ${MAX_TEXT} THEN lower(ip) END AS s FROM ${relation}
  ),
  dotted AS (
    SELECT ip, s, ${ipv4NumberSql('s')} AS plain_v4,
      CASE WHEN contains(s, ':') AND contains(s, '.')
        THEN ${ipv4NumberSql(`regexp_extract(s, '[^:]*$')`)} END AS tail_v4
    FROM lowered
  ),
  -- IPv6 text, with a dotted IPv4 tail rewritten as its two hex groups.
  hexed AS (
    SELECT ip, plain_v4,
      CASE WHEN NOT contains(s, ':') THEN NULL
        WHEN NOT contains(s, '.') THEN s
        WHEN tail_v4 IS NOT NULL
          THEN regexp_extract(s, '^.*:') || printf('%x:%x', tail_v4 >> 16, tail_v4 & 65535)
      END AS s6
    FROM dotted
  ),
  halves AS (
    SELECT ip, plain_v4, s6,
      (length(s6) - length(replace(s6, '::', ''))) // 2 AS compressions,
      CASE WHEN contains(s6, '::') THEN split_part(s6, '::', 1) ELSE s6 END AS head,
      CASE WHEN contains(s6, '::') THEN split_part(s6, '::', 2) ELSE '' END AS tail
    FROM hexed
  ),
  grouped AS (
    SELECT ip, plain_v4, s6, compressions,
      CASE WHEN head = '' THEN []::VARCHAR[] ELSE string_split(head, ':') END AS hg,
      CASE WHEN tail = '' THEN []::VARCHAR[] ELSE string_split(tail, ':') END AS tg
    FROM halves
  ),
  checked AS (
    SELECT ip, plain_v4, hg, tg,
      s6 IS NOT NULL AND regexp_full_match(s6, '[0-9a-f:]+') AND compressions <= 1
      AND coalesce(list_bool_and(list_transform(hg || tg,
            lambda g: regexp_full_match(g, '[0-9a-f]{1,4}'))), true)
      AND CASE WHEN compressions = 1 THEN len(hg) + len(tg) <= 7 ELSE len(hg) = 8 END
        AS valid6
    FROM grouped
  ),
  -- 32 hex digits: the groups with the zeros that '::' stands for, each padded to four.
  hex AS (
    SELECT ip, plain_v4,
      CASE WHEN valid6 THEN array_to_string(list_transform(
        hg || list_resize([]::VARCHAR[], greatest(0, 8 - len(hg) - len(tg)), '0') || tg,
        lambda g: lpad(g, 4, '0')), '') END AS h
    FROM checked
  ),
  numbered AS (
    SELECT ip, plain_v4,
      (TRY_CAST('0x' || h[1:16] AS UBIGINT)::UHUGEINT << 64)
        + TRY_CAST('0x' || h[17:32] AS UBIGINT) AS n6
    FROM hex
  ),
  split_families AS (
    SELECT ip,
      CASE WHEN plain_v4 IS NOT NULL THEN plain_v4
        WHEN ${mapped} THEN (n6 - ${uhuge(V4_MAPPED.first)})::UINTEGER END AS v4,
      CASE WHEN NOT (${mapped}) THEN n6 END AS v6
    FROM numbered
  )
  SELECT ip, v4, v6,
    CASE WHEN v4 IS NOT NULL THEN (CASE WHEN ${v4Reserved} THEN 'reserved' ELSE 'public' END)
      WHEN v6 IS NOT NULL THEN (CASE WHEN ${v6Reserved} THEN 'reserved' ELSE 'public' END)
      ELSE 'invalid' END AS ip_class
  FROM split_families`;
}
