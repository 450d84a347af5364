import type { Overview } from '../../api/client';
import { BusiestIdentitiesTable } from './BusiestIdentitiesTable';
import { DayChart } from './DayChart';
import { FailedFilesTable } from './FailedFilesTable';
import { SourcesTable } from './SourcesTable';
import { TimeRangePanel } from './TimeRangePanel';
import { TotalsGrid } from './TotalsGrid';

interface OverviewBodyProps {
  overview: Overview;
  refreshing: boolean;
  onRefresh: () => void;
}

export function OverviewBody({ overview, refreshing, onRefresh }: OverviewBodyProps) {
  return (
    <div className="overview" data-testid="overview">
      <div className="view-header">
        <div>
          <h1 className="view-title">Overview</h1>
          <p className="view-subtitle">
            What this case holds, as read from its evidence.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={onRefresh}
          disabled={refreshing}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      <TotalsGrid totals={overview.totals} sources={overview.eventsBySource.length} />

      <div className="overview-grid">
        <DayChart days={overview.eventsByDay} />
        <div className="overview-side">
          <TimeRangePanel range={overview.timeRange} />
          <SourcesTable
            sources={overview.eventsBySource}
            total={overview.totals.events}
          />
        </div>
      </div>

      <BusiestIdentitiesTable identities={overview.busiestIdentities} />
      <FailedFilesTable
        files={overview.failedFiles}
        total={overview.totals.failedFiles}
      />
    </div>
  );
}
