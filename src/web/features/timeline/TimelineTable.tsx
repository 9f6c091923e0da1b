import { Link } from 'react-router';
import type { TimelineItem, TimelineLink } from '../../../domain/timeline.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { DateText } from '../../components/DateText.js';
import { harmSummary } from '../incidents/labels.js';
import { isDatedByDay, linkText, recordName, recordPath, sourceNames, statusText } from './labels.js';

/** When a record happened: a date and time, or only a date for records dated by the day. */
function WhenText({ item }: { item: Pick<TimelineItem, 'source' | 'at'> }) {
  return isDatedByDay(item.source) ? <DateText value={item.at.slice(0, 10)} /> : <DateText value={item.at} withTime />;
}

/** One link, as a sentence about the other record that opens it. */
export function LinkedRecord({ link }: { link: TimelineLink }) {
  return <Link to={recordPath(link)}>{linkText(link)}</Link>;
}

/** A record's links, one to a line. */
export function LinkList({ links }: { links: readonly TimelineLink[] }) {
  if (!links.length) return null;
  return (
    <ul className="plain-list timeline-links">
      {links.map((link) => <li key={link.linkId}><LinkedRecord link={link} /></li>)}
    </ul>
  );
}

function when(item: TimelineItem) {
  return <Link to={recordPath(item)}><WhenText item={item} /><span className="visually-hidden">, {recordName(item)}</span></Link>;
}

function columnsFor(isServiceShown: boolean): Column<TimelineItem>[] {
  return [
    { header: 'When', isRowHeader: true, isNoWrap: true, cell: when },
    { header: 'Kind', cell: (i) => sourceNames[i.source].kind },
    {
      header: 'Record',
      // One element, so that on a phone the title and summary sit together beside the column's label.
      cell: (i) => (
        <div>
          <span className="timeline-record__title">{i.title}</span>
          {i.summary && <span className="timeline-record__summary">{i.summary}</span>}
        </div>
      ),
    },
    { header: 'Harm', cell: (i) => (i.harm ? harmSummary(i.harm.physical, i.harm.psychological) : '') },
    { header: 'Status', cell: (i) => statusText(i.source, i.status) },
    ...(isServiceShown ? [{ header: 'Service', cell: (i: TimelineItem) => i.serviceName }] : []),
    { header: 'Linked records', cell: (i) => <LinkList links={i.links} /> },
  ];
}

interface TimelineTableProps {
  caption: string;
  items: readonly TimelineItem[];
  emptyMessage: string;
  /** Off on a service's own log, where every record is the service's. */
  isServiceShown?: boolean;
}

/** Records from several sources, newest first, each opening its own page; a card per record on a phone. */
export function TimelineTable({ caption, items, emptyMessage, isServiceShown = true }: TimelineTableProps) {
  return (
    <DataTable
      caption={caption} isCaptionHidden columns={columnsFor(isServiceShown)} rows={items}
      rowKey={(i) => `${i.source}:${i.id}`} emptyMessage={emptyMessage}
    />
  );
}
