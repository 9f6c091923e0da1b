import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Right-aligned, for numbers. */
  isNumeric?: boolean;
  /** The cell that names the row (a <th scope="row">). */
  isRowHeader?: boolean;
  /** Keep the cell on one line (dates with times, short labels). */
  isNoWrap?: boolean;
}

interface DataTableProps<T> {
  caption: ReactNode;
  /** Keep the caption for screen readers only (when the page heading already says it). */
  isCaptionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Shown instead of the table when there are no rows. */
  emptyMessage: ReactNode;
  /**
   * On a phone: 'stack' shows each row as a card (for lists of records); 'scroll' keeps the grid
   * and lets it scroll sideways (for short tables of numbers).
   */
  phoneLayout?: 'stack' | 'scroll';
  /** Only as wide as it needs to be, for small tables. */
  isNarrow?: boolean;
}

function cellClass<T>(c: Column<T>): string | undefined {
  return [c.isNumeric ? 'numeric' : '', c.isNoWrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * A table with a caption and scoped headers. On a phone each row is shown as a card, with each
 * cell labelled by its column (the label comes from data-label, so it is read out as well).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { caption, isCaptionHidden = false, columns, rows, rowKey, emptyMessage, phoneLayout = 'stack', isNarrow = false } = props;
  if (rows.length === 0) return <p className="empty">{emptyMessage}</p>;
  const table = (
    <table className={['table', phoneLayout === 'stack' ? 'table--stack' : '', isNarrow ? 'table--narrow' : ''].filter(Boolean).join(' ')}>
      <caption className={isCaptionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={cellClass(c)}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) =>
              c.isRowHeader ? (
                <th key={c.header} scope="row" data-label={c.header} className={cellClass(c)}>{c.cell(row)}</th>
              ) : (
                <td key={c.header} data-label={c.header} className={cellClass(c)}>{c.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (phoneLayout === 'stack') return table;
  // A region that can take focus, so keyboard users can scroll it when it is wider than the screen.
  return (
    <div className="table-scroll" role="region" aria-label={typeof caption === 'string' ? caption : 'Table'} tabIndex={0}>
      {table}
    </div>
  );
}
