/** Turns the engine's per-day counts (days with events only) into a continuous series. */
export interface DayCount {
  day: string;
  events: number;
}

const DAY_MS = 86_400_000;

// A longer span would draw thousands of mostly empty bars; it is shown sparse instead.
const MAX_FILLED_DAYS = 366;

/**
 * Adds the missing days between the first and last day with a count of zero, so quiet
 * days show as gaps. Days are `YYYY-MM-DD` in UTC, oldest first.
 */
export function fillDays(days: DayCount[]): DayCount[] {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];

  const start = Date.parse(`${first.day}T00:00:00Z`);
  const end = Date.parse(`${last.day}T00:00:00Z`);
  const span = (end - start) / DAY_MS + 1;
  if (!Number.isFinite(span) || span > MAX_FILLED_DAYS) return days;

  const counts = new Map(days.map((d) => [d.day, d.events]));
  const filled: DayCount[] = [];
  for (let t = start; t <= end; t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    filled.push({ day, events: counts.get(day) ?? 0 });
  }
  return filled;
}

const shortDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `2024-08-01` → `Aug 1`. */
export function formatShortDay(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isFinite(t) ? shortDay.format(t) : day;
}
