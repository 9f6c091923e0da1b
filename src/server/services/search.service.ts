import type { SearchQuery, TimelineItem } from '../../domain/timeline.js';
import { notFound } from '../errors.js';
import { isInScope } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import { existingIds } from '../repositories/organisation.repository.js';
import { csvStream } from '../presenters/csv.js';
import { csvHeader, eventFilter, eventsPage, exportPages, readableSources, type CsvDownload } from './timeline.service.js';

// Enough words to narrow a search; more would only make the query longer.
const MAX_WORDS = 6;

/** The words of a search: each must appear somewhere in a record for it to match. */
export function searchWords(q: string): string[] {
  return [...new Set(q.trim().split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
}

async function checkService(ctx: Context, serviceId: number | undefined) {
  if (serviceId === undefined) return;
  if (!isInScope(ctx.actor, serviceId) || !(await existingIds(ctx.database.db, 'services', [serviceId])).has(serviceId)) throw notFound('service');
}

function describe(query: SearchQuery, sources: readonly string[]): string {
  // The words searched for are not written to the audit trail: they are often a person's name or worse.
  return `across ${sources.join(', ')}${query.serviceId ? ` in service ${query.serviceId}` : ''}`;
}

/**
 * Incidents, safeguarding concerns and complaints whose text contains every word, newest first, within the caller's
 * services and the sources their role reads. Never speak-up reports. Audited as a list.
 */
export async function search(ctx: Context, query: SearchQuery): Promise<{ items: TimelineItem[] }> {
  const sources = readableSources(ctx.actor, query.sources);
  await checkService(ctx, query.serviceId);
  const filter = eventFilter(ctx.actor, { words: searchWords(query.q), ...(query.serviceId ? { serviceId: query.serviceId } : {}) }, query, query.limit);
  return inTransaction(ctx, async (trx) => {
    const { items } = await eventsPage(ctx.actor, trx, ctx.database.dialect, sources, filter);
    await audit(trx, ctx, { action: 'list', kind: 'search', summary: `${items.length} result(s) ${describe(query, sources)}` });
    return { items };
  });
}

/** Every match of a search as CSV, audited as an export. */
export async function searchCsv(ctx: Context, query: SearchQuery): Promise<CsvDownload> {
  const sources = readableSources(ctx.actor, query.sources);
  await checkService(ctx, query.serviceId);
  await inTransaction(ctx, (trx) => audit(trx, ctx, { action: 'export', kind: 'search', summary: `CSV ${describe(query, sources)}` }));
  const filter = eventFilter(ctx.actor, { words: searchWords(query.q), ...(query.serviceId ? { serviceId: query.serviceId } : {}) }, query, 500);
  return {
    filename: `search-${new Date().toISOString().slice(0, 10)}.csv`,
    stream: csvStream(csvHeader, exportPages(ctx.actor, ctx.database.db, ctx.database.dialect, sources, filter)),
  };
}
