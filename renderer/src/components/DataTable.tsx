import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  render: (row: Row) => ReactNode;
  /** Numbers align right so their digits line up. */
  numeric?: boolean;
  className?: string;
}

interface DataTableProps<Row> {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  testId: string;
  emptyText: string;
}

/**
 * A plain table. Cells are React children, so every engine string lands in the page as
 * text, never as markup.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  testId,
  emptyText,
}: DataTableProps<Row>) {
  if (rows.length === 0) {
    return (
      <p className="table-empty" data-testid={`${testId}-empty`}>
        {emptyText}
      </p>
    );
  }

  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} className={cellClass(column)} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={cellClass(column)}>
                  {column.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass(column: {
  numeric?: boolean;
  className?: string;
}): string | undefined {
  const classes = [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}
