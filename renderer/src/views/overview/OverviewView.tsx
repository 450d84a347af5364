import { useOverview } from '../../api/hooks';
import { ErrorMessage, StatusMessage } from '../../components/StatusMessage';
import { OverviewBody } from './OverviewBody';

/** The case at a glance: what was read, when it happened, and who was busiest. */
export function OverviewView() {
  const overview = useOverview();
  const refresh = () => void overview.refetch();

  if (overview.isPending) {
    return <StatusMessage tone="loading" title="Reading the case…" />;
  }
  if (overview.isError) {
    return <ErrorMessage error={overview.error} onRetry={refresh} />;
  }

  const { totals } = overview.data;
  if (totals.events === 0 && totals.files === 0) {
    return (
      <StatusMessage tone="empty" title="No events yet">
        <p>
          Run <code>keytrail ingest &lt;case&gt; &lt;path-to-logs&gt;</code> to read audit
          log exports into this case, then refresh.
        </p>
        <button type="button" className="button" onClick={refresh}>
          Refresh
        </button>
      </StatusMessage>
    );
  }

  return (
    <OverviewBody
      overview={overview.data}
      refreshing={overview.isFetching}
      onRefresh={refresh}
    />
  );
}
