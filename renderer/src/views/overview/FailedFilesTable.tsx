import type { Overview } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { Panel } from '../../components/Panel';
import { plural } from '../../format/format';

type FailedFile = Overview['failedFiles'][number];

const columns: Column<FailedFile>[] = [
  { header: 'Path', render: (f) => f.path, className: 'mono path-cell' },
  { header: 'Code', render: (f) => <span className="badge badge-alert">{f.code}</span> },
  { header: 'Message', render: (f) => f.message, className: 'message-cell' },
];

/** Files that could not be read; the engine sends at most the first 200. */
export function FailedFilesTable({
  files,
  total,
}: {
  files: FailedFile[];
  total: number;
}) {
  const aside =
    total > files.length ? `first ${files.length} of ${total}` : plural(total, 'file');

  return (
    <Panel title="Files with errors" aside={aside} testId="failed-files">
      <DataTable
        columns={columns}
        rows={files}
        rowKey={(f) => String(f.fileId)}
        testId="failed-files-table"
        emptyText="Every evidence file was read without error."
      />
    </Panel>
  );
}
