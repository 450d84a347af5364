/**
 * Time for scenarios. Generators never read the wall clock: they are given a fixed start
 * (milliseconds since the Unix epoch, UTC) and count from there.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** Parses a fixed ISO time such as `2025-03-03T00:00:00Z`; throws on anything else. */
export function utc(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms) || !iso.endsWith('Z'))
    throw new Error(`not a UTC time: ${iso}`);
  return ms;
}

export function startOfDay(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

/** 0 = Sunday … 6 = Saturday, in UTC. */
export function weekday(ms: number): number {
  return new Date(ms).getUTCDay();
}

export function isWeekend(ms: number): boolean {
  const day = weekday(ms);
  return day === 0 || day === 6;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

// Formatting the same day over and over is most of the cost, so the date part is cached.
let cachedDay = Number.NaN;
let cachedPrefix = '';

/** CloudTrail `eventTime`: `2025-03-14T03:02:11Z` (whole seconds, UTC). */
export function isoSeconds(ms: number): string {
  const day = startOfDay(ms);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day).toISOString().slice(0, 11);
  }
  const secs = Math.floor((ms - day) / SECOND);
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  return `${cachedPrefix}${pad2(h)}:${pad2(m)}:${pad2(secs % 60)}Z`;
}

function clock12(date: Date): string {
  const h24 = date.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const suffix = h24 < 12 ? 'AM' : 'PM';
  return `${h12}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} ${suffix}`;
}

/** IAM `createDate` in responseElements: `Mar 14, 2025 3:07:42 AM`. */
export function iamResponseDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${clock12(d)}`;
}

/** STS `credentials.expiration` in responseElements: `Mar 14, 2025, 4:07:42 AM`. */
export function stsExpirationDate(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${clock12(d)}`;
}

/** Compact UTC stamp used in CloudTrail file names: `20250314T0305Z`. */
export function fileStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}
