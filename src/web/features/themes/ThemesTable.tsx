import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/DataTable.js';
import type { Theme, ThemesAnswer, ThemeSource } from './api.js';
import { countCell, countText, exampleItem, sourceLabels } from './format.js';
import { Sparkline } from './Sparkline.js';

const MAX_SERVICES = 3;

function Services({ theme }: { theme: Theme }) {
  if (!theme.byService.length) return <>—</>;
  const shown = theme.byService.slice(0, MAX_SERVICES);
  const more = theme.byService.length - shown.length;
  return (
    <ul className="theme-services">
      {shown.map((s) => <li key={s.serviceId}><Link to={`/services/${s.serviceId}`}>{s.name}</Link> ({countText(s.count)})</li>)}
      {more > 0 && <li>and {more} more</li>}
    </ul>
  );
}

function Examples({ theme }: { theme: Theme }) {
  if (!theme.examples.length) return <>—</>;
  return (
    <ul className="theme-examples">
      {theme.examples.map((e) => {
        const item = exampleItem(e);
        return <li key={`${e.kind}-${e.id}`}>{item.to ? <Link to={item.to}>{item.text}</Link> : item.text}</li>;
      })}
    </ul>
  );
}

/** Themes with their totals, counts per source, services, trend and example records. */
export function ThemesTable({ answer, caption }: { answer: ThemesAnswer; caption: string }) {
  const sourceColumns: Column<Theme>[] = answer.sources.map((source: ThemeSource) => ({
    header: sourceLabels[source].many, isNumeric: true, cell: (t: Theme) => countCell(t.bySource[source]),
  }));
  const showExamples = !answer.isSuppressed;
  const columns: Column<Theme>[] = [
    { header: 'Theme', isRowHeader: true, cell: (t) => t.name },
    { header: 'Total', isNumeric: true, cell: (t) => countCell(t.total) },
    ...sourceColumns,
    { header: 'Services', cell: (t) => <Services theme={t} /> },
    { header: 'Month by month', cell: (t) => <Sparkline trend={t.trend} /> },
    ...(showExamples ? [{ header: 'Recent examples', cell: (t: Theme) => <Examples theme={t} /> }] : []),
  ];
  return (
    <DataTable
      caption={caption} columns={columns} rows={answer.themes} rowKey={(t) => t.key} phoneLayout="stack"
      emptyMessage="No themes in this period: there are no records with text, factors or themes recorded that you can see."
    />
  );
}
