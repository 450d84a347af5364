import type { Overview } from '../../api/client';
import { Panel } from '../../components/Panel';
import { formatCount, plural } from '../../format/format';
import { fillDays, formatShortDay } from './day-series';

// Beyond this many bars the counts no longer fit above them; they stay in the tooltip.
const MAX_LABELLED_BARS = 31;
const MAX_AXIS_LABELS = 12;

/** Events per UTC day as plain bars, each carrying its count. */
export function DayChart({ days }: { days: Overview['eventsByDay'] }) {
  const series = fillDays(days);
  const peak = Math.max(1, ...series.map((d) => d.events));
  const showCounts = series.length <= MAX_LABELLED_BARS;
  const labelEvery = Math.ceil(series.length / MAX_AXIS_LABELS);

  return (
    <Panel
      title="Events per day"
      aside={series.length > 0 ? `UTC · peak ${formatCount(peak)}` : undefined}
      className="chart-panel"
      testId="events-by-day"
    >
      {series.length === 0 ? (
        <p className="table-empty">No timestamped events.</p>
      ) : (
        <ol
          className={showCounts ? 'day-chart' : 'day-chart dense'}
          aria-label="Events per day"
        >
          {series.map((d, i) => (
            <li
              key={d.day}
              className="day"
              data-testid="day-bar"
              data-day={d.day}
              data-count={d.events}
              title={`${d.day}: ${plural(d.events, 'event')}`}
            >
              <span className="day-count">
                {showCounts && d.events > 0 ? formatCount(d.events) : ''}
              </span>
              <span className="day-track">
                <span
                  className="day-fill"
                  style={{ height: barHeight(d.events, peak) }}
                />
              </span>
              <span className="day-label">
                {i % labelEvery === 0 ? formatShortDay(d.day) : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

/** A busy day stays visible (at least 2px) however tall the peak; an empty day has none. */
function barHeight(events: number, peak: number): string {
  return events > 0 ? `max(2px, ${(events / peak) * 100}%)` : '0';
}
