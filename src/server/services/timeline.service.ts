import type { Readable } from 'node:stream';
import type { DialectName, Executor } from '../../db/connection.js';
import {
  decodeCursor, encodeCursor, type RecordRef, type TimelineCursor, type TimelineItem, type TimelineLink, type TimelinePage,
  type TimelineQuery, type TimelineSource, timelineSources,
} from '../../domain/timeline.js';
import { practiceReviewKindLabels, type PracticeReviewKind } from '../../domain/practice-reviews.js';
import { restrictionCategoryLabels, type RestrictionCategory } from '../../domain/restrictions.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { authorize, can, isInScope, serviceScope, type Resource } from '../policies/access.js';
import type { AnyActor } from '../policies/actor.js';
import { audit, inTransaction, type Context } from '../context.js';
import { listEvents, type EventFilter, type EventRow } from '../repositories/timeline.repository.js';
import { linksTouching, recordServices, refKey } from '../repositories/links.repository.js';
import { existingIds, getPerson } from '../repositories/organisation.repository.js';
import { csvStream, type CsvValue } from '../presenters/csv.js';
import { londonDayRange } from '../../domain/working-days.js';

/** The kind of record each source is, for the access policy. Extend alongside `timelineSources`. */
export const sourceResource: Record<TimelineSource, Resource> = {
  incident: 'incident',
  safeguarding: 'safeguarding_concern',
  complaint: 'complaint',
  review: 'practice_review',
  restriction: 'restriction',
};

/** The sources this actor's role may read, narrowed to those asked for; asking for one the role cannot read is refused. */
export function readableSources(actor: AnyActor, requested?: readonly TimelineSource[]): TimelineSource[] {
  const readable = timelineSources.filter((s) => can(actor, 'read', sourceResource[s]));
  if (!readable.length) throw forbidden();
  if (!requested) return readable;
  if (requested.some((s) => !readable.includes(s))) throw forbidden('Your role does not allow reading one of these sources.');
  return readable.filter((s) => requested.includes(s));
}

const SUMMARY_LENGTH = 280;
const complaintKindLabel: Record<string, string> = { complaint: 'Complaint', feedback: 'Feedback', compliment: 'Compliment' };

function titleOf(row: EventRow): string {
  switch (row.source) {
    case 'incident': return row.label ? `Incident: ${row.label}` : 'Incident';
    case 'safeguarding': return 'Safeguarding concern';
    case 'complaint': return `${complaintKindLabel[row.kind] ?? 'Complaint'}: ${row.label}`;
    case 'review': return practiceReviewKindLabels[row.kind as PracticeReviewKind] ?? 'Restrictive practice review';
    case 'restriction': return `Restriction: ${restrictionCategoryLabels[row.label as RestrictionCategory] ?? row.label}`;
  }
}

function summaryOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SUMMARY_LENGTH ? flat : `${flat.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

/**
 * The links of each record, in both directions, keyed by `source:id`, in the order they were made. A link is shown
 * only when the caller could open the record at its other end: a role that reads that source, and a record in the
 * caller's services.
 */
export async function visibleLinks(actor: AnyActor, db: Executor, refs: readonly RecordRef[]): Promise<Map<string, TimelineLink[]>> {
  const byRecord = new Map<string, TimelineLink[]>(refs.map((ref) => [refKey(ref), []]));
  const links = await linksTouching(db, refs);
  const ends = links.flatMap((l) => [
    { source: l.from_source as TimelineSource, id: l.from_id },
    { source: l.to_source as TimelineSource, id: l.to_id },
  ]).filter((ref) => timelineSources.includes(ref.source));
  const services = await recordServices(db, ends);
  const canOpen = (ref: { source: string; id: number }) => {
    const serviceId = services.get(refKey(ref));
    return serviceId !== undefined && isInScope(actor, serviceId) && can(actor, 'read', sourceResource[ref.source as TimelineSource]);
  };
  for (const l of links) {
    const from = { source: l.from_source, id: l.from_id };
    const to = { source: l.to_source, id: l.to_id };
    for (const [end, other, direction] of [[from, to, 'outgoing'], [to, from, 'incoming']] as const) {
      const list = byRecord.get(refKey(end));
      if (list && canOpen(other)) list.push({ linkId: l.id, source: other.source as TimelineSource, id: other.id, relation: l.relation, direction });
    }
  }
  return byRecord;
}

/** Timeline items for the rows, each with the links the caller may follow (see `visibleLinks`). */
async function presentWithLinks(actor: AnyActor, db: Executor, rows: readonly EventRow[]): Promise<TimelineItem[]> {
  const links = await visibleLinks(actor, db, rows.map((r) => ({ source: r.source, id: r.id })));
  return rows.map((row) => ({
    source: row.source, id: row.id, at: row.at, title: titleOf(row), summary: summaryOf(row.narrative),
    ...(row.harm_physical !== null && row.harm_psychological !== null ? { harm: { physical: row.harm_physical, psychological: row.harm_psychological } } : {}),
    status: row.status, serviceId: row.service_id, serviceName: row.service_name, links: links.get(refKey(row)) ?? [],
  }));
}

/** The filter shared by a page and an export: scope, subject, dates and (for search) words. */
export function eventFilter(
  actor: AnyActor, subject: { personId?: number; serviceId?: number; words?: string[] }, query: { from?: string; to?: string }, limit: number,
): EventFilter {
  // Days in England: from the start of `from` to the end of `to`.
  return { scope: serviceScope(actor), ...subject, ...londonDayRange(query.from, query.to), limit };
}

/** One page of events as timeline items, with the cursor of the next page when there is one. */
export async function eventsPage(
  actor: AnyActor, db: Executor, dialect: DialectName, sources: readonly TimelineSource[], filter: EventFilter,
): Promise<TimelinePage> {
  const { rows, hasMore } = await listEvents(db, dialect, sources, filter);
  const last = rows[rows.length - 1];
  return {
    items: await presentWithLinks(actor, db, rows),
    nextCursor: hasMore && last ? encodeCursor({ at: last.at, source: last.source, id: last.id }) : null,
  };
}

function parseCursor(value: string | undefined): TimelineCursor | undefined {
  if (value === undefined) return undefined;
  const cursor = decodeCursor(value);
  if (!cursor) throw invalid('cursor', 'This is not a cursor from a previous page.');
  return cursor;
}

export const csvHeader = ['source', 'id', 'at', 'service', 'title', 'summary', 'status', 'harm_physical', 'harm_psychological', 'links'] as const;

/** A timeline item as a CSV record; links as `relation source:id` separated by semicolons. */
export function csvRecord(item: TimelineItem): CsvValue[] {
  return [
    item.source, item.id, item.at, item.serviceName, item.title, item.summary, item.status, item.harm?.physical, item.harm?.psychological,
    item.links.map((l) => `${l.direction === 'outgoing' ? l.relation : `${l.relation} (from)`} ${l.source}:${l.id}`).join('; '),
  ];
}

const EXPORT_PAGE = 500;
// A ceiling so that one export cannot tie up the server; five years of a busy service is well under it.
const EXPORT_MAX_ROWS = 100_000;

/** Every matching event, page by page along the keyset, as CSV records. Runs outside a transaction, after the audit. */
export async function* exportPages(
  actor: AnyActor, db: Executor, dialect: DialectName, sources: readonly TimelineSource[], filter: EventFilter,
): AsyncGenerator<CsvValue[][]> {
  let cursor: TimelineCursor | undefined;
  let written = 0;
  while (written < EXPORT_MAX_ROWS) {
    const { rows, hasMore } = await listEvents(db, dialect, sources, { ...filter, limit: EXPORT_PAGE, ...(cursor ? { cursor } : {}) });
    const items = await presentWithLinks(actor, db, rows);
    yield items.map(csvRecord);
    written += items.length;
    const last = rows[rows.length - 1];
    if (!hasMore || !last) return;
    cursor = { at: last.at, source: last.source, id: last.id };
  }
}

export interface CsvDownload { filename: string; stream: Readable }

const today = () => new Date().toISOString().slice(0, 10);

async function loadPersonInScope(ctx: Context, db: Executor, personId: number) {
  const person = await getPerson(db, personId);
  if (!person || !isInScope(ctx.actor, person.service_id)) throw notFound('person');
  return person;
}

/** A person's timeline across every source the caller may read, newest first; audited as a read of the person. */
export async function personTimeline(ctx: Context, personId: number, query: TimelineQuery): Promise<TimelinePage> {
  authorize(ctx.actor, 'read', 'person');
  const sources = readableSources(ctx.actor, query.sources);
  const cursor = parseCursor(query.cursor);
  return inTransaction(ctx, async (trx) => {
    await loadPersonInScope(ctx, trx, personId);
    const filter = { ...eventFilter(ctx.actor, { personId }, query, query.limit), ...(cursor ? { cursor } : {}) };
    const page = await eventsPage(ctx.actor, trx, ctx.database.dialect, sources, filter);
    await audit(trx, ctx, { action: 'read', kind: 'person', id: personId, summary: `timeline: ${page.items.length} item(s) from ${sources.join(', ')}` });
    return page;
  });
}

/** The person's timeline with the same filters as CSV; the export is audited before the first row is sent. */
export async function personTimelineCsv(ctx: Context, personId: number, query: TimelineQuery): Promise<CsvDownload> {
  authorize(ctx.actor, 'read', 'person');
  const sources = readableSources(ctx.actor, query.sources);
  const person = await inTransaction(ctx, async (trx) => {
    const found = await loadPersonInScope(ctx, trx, personId);
    await audit(trx, ctx, { action: 'export', kind: 'person', id: personId, summary: `timeline CSV from ${sources.join(', ')}${describeDates(query)}` });
    return found;
  });
  const filter = eventFilter(ctx.actor, { personId }, query, EXPORT_PAGE);
  return {
    filename: `timeline-${person.ref}-${today()}.csv`,
    stream: csvStream(csvHeader, exportPages(ctx.actor, ctx.database.db, ctx.database.dialect, sources, filter)),
  };
}

function describeDates(query: { from?: string; to?: string }): string {
  return query.from || query.to ? ` (${query.from ?? '…'} to ${query.to ?? '…'})` : '';
}

async function assertServiceInScope(ctx: Context, db: Executor, serviceId: number) {
  if (!isInScope(ctx.actor, serviceId) || !(await existingIds(db, 'services', [serviceId])).has(serviceId)) throw notFound('service');
}

/** Everything recorded at a service, newest first, from the sources the caller may read; audited as a read of the service. */
export async function serviceLog(ctx: Context, serviceId: number, query: TimelineQuery): Promise<TimelinePage> {
  authorize(ctx.actor, 'read', 'service');
  const sources = readableSources(ctx.actor, query.sources);
  const cursor = parseCursor(query.cursor);
  return inTransaction(ctx, async (trx) => {
    await assertServiceInScope(ctx, trx, serviceId);
    const filter = { ...eventFilter(ctx.actor, { serviceId }, query, query.limit), ...(cursor ? { cursor } : {}) };
    const page = await eventsPage(ctx.actor, trx, ctx.database.dialect, sources, filter);
    await audit(trx, ctx, { action: 'read', kind: 'service', id: serviceId, summary: `log: ${page.items.length} item(s) from ${sources.join(', ')}` });
    return page;
  });
}

/** The service log with the same filters as CSV, audited as an export. */
export async function serviceLogCsv(ctx: Context, serviceId: number, query: TimelineQuery): Promise<CsvDownload> {
  authorize(ctx.actor, 'read', 'service');
  const sources = readableSources(ctx.actor, query.sources);
  await inTransaction(ctx, async (trx) => {
    await assertServiceInScope(ctx, trx, serviceId);
    await audit(trx, ctx, { action: 'export', kind: 'service', id: serviceId, summary: `log CSV from ${sources.join(', ')}${describeDates(query)}` });
  });
  const filter = eventFilter(ctx.actor, { serviceId }, query, EXPORT_PAGE);
  return {
    filename: `service-log-${serviceId}-${today()}.csv`,
    stream: csvStream(csvHeader, exportPages(ctx.actor, ctx.database.db, ctx.database.dialect, sources, filter)),
  };
}
