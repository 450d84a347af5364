/**
 * When things happen: daily schedules, office hours and day/night rate curves. All times
 * are ms since the epoch, UTC.
 */
import { DAY, HOUR, isWeekend, startOfDay } from './clock.js';
import type { Rng } from './random.js';
import type { Span } from './workload.js';

/** Day starts (00:00 UTC) that overlap the span, in order; endless for open spans. */
export function* days(span: Span): Generator<number> {
  for (let day = startOfDay(span.start); day < span.end; day += DAY) yield day;
}

/**
 * A rate multiplier that peaks at `peakHour` UTC and bottoms out twelve hours later:
 * 1 + depth·cos. Mean over a day is 1, so rates stay calibrated.
 */
export function diurnal(time: number, peakHour: number, depth: number): number {
  const hour = (time % DAY) / HOUR;
  return 1 + depth * Math.cos(((hour - peakHour) / 24) * 2 * Math.PI);
}

/**
 * Times of a Poisson process whose rate (events per hour) follows `shape` (mean 1,
 * never above `maxShape`), by thinning.
 */
export function* poissonTimes(
  rng: Rng,
  span: Span,
  perHour: number,
  shape: (time: number) => number,
  maxShape: number,
): Generator<number> {
  if (perHour <= 0) return;
  const meanGap = HOUR / (perHour * maxShape);
  let time = span.start;
  for (;;) {
    time += rng.exponential(meanGap);
    if (time >= span.end) return;
    if (rng.float() * maxShape < shape(time)) yield time;
  }
}

export interface OfficeHours {
  /** Local working day in UTC hours, e.g. 8–18 for London in winter. */
  fromHour: number;
  toHour: number;
}

/** A random moment in office hours on `day`, or undefined on weekends. */
export function officeMoment(
  rng: Rng,
  day: number,
  hours: OfficeHours,
): number | undefined {
  if (isWeekend(day + HOUR)) return undefined;
  const from = day + hours.fromHour * HOUR;
  return from + rng.float() * (hours.toHour - hours.fromHour) * HOUR;
}
