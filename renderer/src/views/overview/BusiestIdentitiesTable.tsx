import type { Overview } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { formatCount, formatTime } from '../../format/format';

type IdentityRow = Overview['busiestIdentities'][number];

const columns: Column<IdentityRow>[] = [
  { header: 'Identity', render: (r) => r.identityId, className: 'mono identity-cell' },
  { header: 'Kind', render: (r) => r.kind ?? '—' },
  { header: 'Events', render: (r) => formatCount(r.events), numeric: true },
  {
    header: 'Failures',
    render: (r) => (
      <span className={r.failures > 0 ? 'count-alert' : undefined}>
        {formatCount(r.failures)}
      </span>
    ),
    numeric: true,
  },
  { header: 'Actions', render: (r) => formatCount(r.actions), numeric: true },
  {
    header: 'Last seen',
    render: (r) => formatTime(r.lastSeen),
    className: 'mono nowrap',
  },
];

export function BusiestIdentitiesTable({ identities }: { identities: IdentityRow[] }) {
  return (
    <Panel title="Busiest identities" aside={`top ${identities.length} by events`}>
      <DataTable
        columns={columns}
        rows={identities}
        rowKey={(r) => r.identityId}
        testId="identities-table"
        emptyText="No event names an actor."
      />
    </Panel>
  );
}
