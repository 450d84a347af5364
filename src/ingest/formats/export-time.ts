/**
 * Times as exports and spreadsheets write them, turned into ISO 8601 UTC (the form of
 * CloudTrail's `eventTime`). Accepted, all read as UTC unless they carry a zone:
 *
 * - ISO 8601 with `T` or a space, seconds and fraction optional, zone `Z`, `UTC` or
 *   `±hh:mm` optional: `2024-08-01T13:33:28Z`, `2024-08-01 13:33:28.000` (Lake, Athena,
 *   spreadsheets), `2024-08-01 13:33`.
 * - Day and month with `/` or `.`, a 2- or 4-digit year, seconds and AM/PM optional:
 *   `01/08/2024 13:33`, `1.8.2024 13:33:28`, `8/1/24 1:33 PM`. Read day first (as the
 *   European spreadsheets that also write `;` separators do) unless the second number
 *   is above 12, which makes the file American, month first. Not yet handled: an
 *   American re-save whose days are all 12 or less is read day first.
 * - The console's own `August 01, 2024, 13:33:28 (UTC+02:00)`.
 * - Epoch seconds as a number (`aws cloudtrail lookup-events` with CLI v1).
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC =
  /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2}),?[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i;
const CONSOLE =
  /^([A-Za-z]+)\.? (\d{1,2}),? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?(?:\s*\((?:UTC|GMT)([+-]\d{1,2}:?\d{2})?\))?$/i;
const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

export function toIsoTime(value: string | number | null | undefined): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? iso(value * 1000) : null;
  const text = value?.trim();
  if (!text) return null;

  const isoMatch = ISO.exec(text);
  if (isoMatch) {
    const [, y, mo, d, h, mi, s, frac, zone] = isoMatch;
    const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
    return build(+y!, +mo!, +d!, +h!, +mi!, +(s ?? 0), ms, offsetMinutes(zone));
  }

  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const [, a, , b, y, h, mi, s, ampm] = numeric;
    const monthFirst = Number(b) > 12 && Number(a) <= 12;
    const [day, month] = monthFirst ? [+b!, +a!] : [+a!, +b!];
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    return build(year, month, day, hour12(+h!, ampm), +mi!, +(s ?? 0), 0, 0);
  }

  const long = CONSOLE.exec(text);
  if (long) {
    const [, name, d, y, h, mi, s, ampm, zone] = long;
    const month = MONTHS.indexOf(name!.slice(0, 3).toLowerCase()) + 1;
    if (month === 0) return null;
    return build(
      +y!,
      month,
      +d!,
      hour12(+h!, ampm),
      +mi!,
      +(s ?? 0),
      0,
      offsetMinutes(zone),
    );
  }
  return null;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  offset: number | null,
): string | null {
  if (offset === null || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
  // Date.UTC rolls 31 June over into July; a date that moved was not a date.
  if (new Date(utc + offset * 60_000).getUTCDate() !== day) return null;
  return iso(utc);
}

/** `2024-08-01T13:33:28Z`, with milliseconds only when there are some. */
function iso(epochMs: number): string | null {
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace('.000Z', 'Z');
}

function hour12(hour: number, ampm: string | undefined): number {
  if (!ampm) return hour;
  const pm = ampm.toUpperCase() === 'PM';
  return (hour % 12) + (pm ? 12 : 0);
}

/** Minutes east of UTC for `Z`, `UTC`, `+02:00`, `-0530`; 0 when absent; null if bad. */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
