import type { Overview } from '../../api/client';
import { Panel } from '../../components/Panel';
import { formatSpan, formatTime } from '../../format/format';

export function TimeRangePanel({ range }: { range: Overview['timeRange'] }) {
  return (
    <Panel
      title="Time range"
      aside={formatSpan(range.first, range.last)}
      testId="time-range"
    >
      <dl className="facts">
        <dt>First event</dt>
        <dd className="mono" data-testid="time-first">
          {formatTime(range.first)}
        </dd>
        <dt>Last event</dt>
        <dd className="mono" data-testid="time-last">
          {formatTime(range.last)}
        </dd>
      </dl>
    </Panel>
  );
}
