import { DataTable } from '../../components/DataTable.js';
import { formatMonth, formatNumber } from '../../components/formatDate.js';
import { QueryResult } from '../../components/QueryResult.js';
import { lastTwelveMonths, useOccupancy } from './api.js';

interface MonthRow {
  month: string;
  occupiedDays: number;
  daysRecorded: number;
}

function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, monthNumber ?? 1, 0)).getUTCDate();
}

/** The month, and a note when not every day of it has a figure (such as the month so far). */
function MonthCell({ row }: { row: MonthRow }) {
  const days = daysInMonth(row.month);
  return (
    <>
      <span className="nowrap">{formatMonth(row.month)}</span>
      {row.daysRecorded < days && <span className="cell-note">{row.daysRecorded} of {days} days recorded</span>}
    </>
  );
}

/** Occupied days per month for the last twelve months, with the average number supported and the share of places used. */
export function OccupancyTable({ serviceId, capacity }: { serviceId: number; capacity: number }) {
  const occupancy = useOccupancy(serviceId, lastTwelveMonths(), true);
  const average = (m: MonthRow) => (m.daysRecorded ? m.occupiedDays / m.daysRecorded : 0);
  const columns = [
    { header: 'Month', isRowHeader: true, cell: (m: MonthRow) => <MonthCell row={m} /> },
    { header: 'Occupied days', isNumeric: true, cell: (m: MonthRow) => formatNumber(m.occupiedDays) },
    { header: 'Average a day', isNumeric: true, cell: (m: MonthRow) => formatNumber(average(m), 1) },
    {
      header: 'Places used',
      isNumeric: true,
      cell: (m: MonthRow) => (capacity > 0 && m.daysRecorded ? `${formatNumber((average(m) / capacity) * 100)}%` : '—'),
    },
  ];
  return (
    <QueryResult query={occupancy} loadingLabel="Loading occupancy…">
      {(months) => (
        <DataTable
          caption="Occupied days by month, last 12 months"
          columns={columns}
          rows={[...months].reverse()}
          rowKey={(m) => m.month}
          phoneLayout="scroll"
          isNarrow
          emptyMessage="No occupancy has been recorded for the last 12 months."
        />
      )}
    </QueryResult>
  );
}
