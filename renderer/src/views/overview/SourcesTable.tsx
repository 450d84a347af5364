import type { Overview } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { formatCount, plural } from '../../format/format';

type SourceRow = Overview['eventsBySource'][number];

export function SourcesTable({
  sources,
  total,
}: {
  sources: SourceRow[];
  total: number;
}) {
  const columns: Column<SourceRow>[] = [
    { header: 'Source', render: (s) => s.source, className: 'mono' },
    { header: 'Events', render: (s) => formatCount(s.events), numeric: true },
    {
      header: 'Share',
      render: (s) => <ShareBar share={total > 0 ? s.events / total : 0} />,
      className: 'share-cell',
    },
  ];

  return (
    <Panel title="Events per source" aside={plural(sources.length, 'source')}>
      <DataTable
        columns={columns}
        rows={sources}
        rowKey={(s) => s.source}
        testId="sources-table"
        emptyText="No events."
      />
    </Panel>
  );
}

function ShareBar({ share }: { share: number }) {
  const percent = Math.round(share * 100);
  return (
    <span className="share">
      <span className="share-track">
        <span className="share-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="share-value">{percent}%</span>
    </span>
  );
}
