/**
 * Merges the workloads' time-ordered event streams into CloudTrail delivery windows and
 * writes each window as one file per account and region. Only one window of events is
 * held at a time.
 */
import type { TrailEvent } from './aws-call.js';
import { MINUTE } from './clock.js';
import type { CloudTrailRecord } from './cloudtrail-record.js';
import type { S3TreeWriter, TreeStats } from './s3-tree.js';

export const DELIVERY_WINDOW = 5 * MINUTE;

export interface DeliveryWindow {
  start: number;
  /** Events of every stream inside [start, start + DELIVERY_WINDOW), in time order. */
  events: TrailEvent[];
}

interface Head {
  stream: Iterator<TrailEvent>;
  next: TrailEvent | undefined;
  name: string;
}

/** Non-empty delivery windows, in order, from streams that are each in time order. */
export function* deliveryWindows(
  streams: readonly { name: string; events: Iterator<TrailEvent> }[],
): Generator<DeliveryWindow> {
  const heads: Head[] = streams.map(({ name, events }) => {
    const first = events.next();
    return { stream: events, next: first.done ? undefined : first.value, name };
  });
  for (;;) {
    let earliest = Number.POSITIVE_INFINITY;
    for (const head of heads)
      if (head.next && head.next.time < earliest) earliest = head.next.time;
    if (earliest === Number.POSITIVE_INFINITY) return;

    const start = earliest - (earliest % DELIVERY_WINDOW);
    const end = start + DELIVERY_WINDOW;
    const events: TrailEvent[] = [];
    for (const head of heads) {
      while (head.next && head.next.time < end) {
        const current = head.next;
        events.push(current);
        const step = head.stream.next();
        head.next = step.done ? undefined : step.value;
        if (head.next && head.next.time < current.time) {
          const when = new Date(head.next.time).toISOString();
          throw new Error(`${head.name} went back in time at ${when}`);
        }
      }
    }
    events.sort((a, b) => a.time - b.time);
    yield { start, events };
  }
}

export interface WriteTrailOptions {
  /** Stop after exactly this many events (the last window is cut short). */
  maxEvents?: number;
  /** Called after each window with the events written from it, e.g. to sample memory. */
  onWindow?: (window: DeliveryWindow, eventsSoFar: number) => void;
}

export async function writeTrail(
  windows: Iterable<DeliveryWindow>,
  writer: S3TreeWriter,
  options: WriteTrailOptions = {},
): Promise<TreeStats> {
  const limit = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let written = 0;
  try {
    for (const window of windows) {
      const events =
        written + window.events.length > limit
          ? window.events.slice(0, limit - written)
          : window.events;
      const files = new Map<string, CloudTrailRecord[]>();
      for (const { record } of events) {
        const key = `${record.recipientAccountId}|${record.awsRegion}`;
        const list = files.get(key);
        if (list) list.push(record);
        else files.set(key, [record]);
      }
      for (const key of [...files.keys()].sort()) {
        const [account = '', region = ''] = key.split('|');
        await writer.write(
          account,
          region,
          window.start + DELIVERY_WINDOW,
          files.get(key)!,
        );
      }
      written += events.length;
      options.onWindow?.({ start: window.start, events }, written);
      if (written >= limit) break;
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.close();
}
