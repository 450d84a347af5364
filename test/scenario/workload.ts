/**
 * A workload is one identity's (or one small group's) behaviour over time: the principals
 * it owns and a lazy, time-ordered stream of the CloudTrail events it causes. Streams are
 * generators so that months of traffic never sit in memory at once.
 */
import type { TrailEvent } from './aws-call.js';
import type { AccessKey, IamRole, IamUser } from './aws-principals.js';
import type { Rng } from './random.js';

/** What every workload factory gets: the scenario's random stream and fixed clock. */
export interface ScenarioBase {
  rng: Rng;
  /** The scenario's start (ms, UTC); principals and keys are dated relative to it. */
  origin: number;
}

/** A half-open time range in ms, UTC; `end` may be Infinity for open-ended volume runs. */
export interface Span {
  start: number;
  end: number;
}

export interface Workload {
  readonly name: string;
  readonly accountId: string;
  /** Principals the workload owns, for inventories built from the same estate. */
  readonly principals: readonly (IamUser | IamRole)[];
  readonly accessKeys: readonly AccessKey[];
  /** Rough events per day at the configured rate, used to size volume runs. */
  readonly expectedPerDay: number;
  /** Events in time order. Calling it again replays the same events. */
  events(span: Span): Generator<TrailEvent>;
}

/**
 * Holds events of overlapping bursts until they can be released in time order: a burst
 * may run past the start of the next one, so each new burst first releases what came
 * before it.
 */
export class PendingEvents {
  private items: TrailEvent[] = [];
  private sorted = true;

  add(events: readonly TrailEvent[]): void {
    for (const event of events) {
      const last = this.items[this.items.length - 1];
      if (last && event.time < last.time) this.sorted = false;
      this.items.push(event);
    }
  }

  /** Releases, in order, every held event earlier than `time`. */
  *before(time: number): Generator<TrailEvent> {
    if (!this.sorted) {
      this.items.sort((a, b) => a.time - b.time);
      this.sorted = true;
    }
    let released = 0;
    while (released < this.items.length && this.items[released]!.time < time) {
      yield this.items[released]!;
      released++;
    }
    if (released > 0) this.items.splice(0, released);
  }

  *all(): Generator<TrailEvent> {
    yield* this.before(Number.POSITIVE_INFINITY);
  }
}

/** Keeps events inside the span (bursts near its edges may spill over). */
export function* clip(span: Span, events: Iterable<TrailEvent>): Generator<TrailEvent> {
  for (const event of events) {
    if (event.time >= span.end) return;
    if (event.time >= span.start) yield event;
  }
}
