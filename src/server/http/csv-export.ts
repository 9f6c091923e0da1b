import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { attachment, csvStream, CSV_CONTENT_TYPE, type CsvValue } from '../presenters/csv.js';

/** `?format=csv` on a list route: the same filters, every page, as a CSV download. */
export const formatQuery = { format: z.enum(['json', 'csv']).default('json') };

export type CsvColumns<T> = readonly (readonly [header: string, value: (item: T) => CsvValue])[];

const PAGE = 500;
const MAX_ROWS = 100_000;

/**
 * Stream a list as CSV by reading it page by page through its own service (so scope, presenters and the audit
 * trail apply exactly as for the JSON list), up to 100,000 rows. The first page is read before anything is sent,
 * so a refusal (403, 404) or a bad filter (400) is answered as a problem, never as a broken download.
 */
export async function sendListCsv<T, Reply extends FastifyReply>(reply: Reply, name: string, columns: CsvColumns<T>, page: (limit: number, offset: number) => Promise<{ items: T[] }>) {
  const first = await page(PAGE, 0);
  const toRows = (items: T[]) => items.map((item) => columns.map(([, value]) => value(item)));
  async function* pages() {
    yield toRows(first.items);
    if (first.items.length < PAGE) return;
    for (let offset = PAGE; offset < MAX_ROWS; offset += PAGE) {
      const { items } = await page(PAGE, offset);
      if (items.length) yield toRows(items);
      if (items.length < PAGE) return;
    }
  }
  const filename = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  reply.type(CSV_CONTENT_TYPE).header('content-disposition', attachment(filename)).header('cache-control', 'no-store')
    .send(csvStream(columns.map(([header]) => header), pages()));
  return reply;
}

/**
 * The body of a list route that also exports: with `format=csv`, every page of the same filtered list as CSV;
 * otherwise the JSON page asked for. `list` is the list's own service call, so access and audit are the list's.
 */
export async function listOrCsv<F extends { limit: number; offset: number }, T, R extends { items: T[] }, Reply extends FastifyReply>(
  reply: Reply, query: F & { format: 'json' | 'csv' }, csv: { name: string; columns: CsvColumns<T> },
  list: (filter: F) => Promise<R>,
): Promise<R | Reply> {
  const { format, ...rest } = query;
  const filter = rest as unknown as F;
  if (format === 'csv') return sendListCsv(reply, csv.name, csv.columns, (limit, offset) => list({ ...filter, limit, offset }));
  return list(filter);
}
