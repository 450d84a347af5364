/**
 * Display formats. Times stay in UTC (the case runs in UTC, and responders compare them
 * with log lines), and numbers use one fixed locale so every machine shows the same.
 */
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** `2024-08-01T13:33:28.120Z` → `2024-08-01 13:33:28 UTC`; other text is shown as is. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** Whole or fractional days between two ISO times, for the time range's span. */
export function formatSpan(first: string | null, last: string | null): string {
  if (first === null || last === null) return '—';
  const ms = Date.parse(last) - Date.parse(first);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.round(ms / 60_000)} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}

export function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
