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
 * trail apply exactly as for the JSON list), up to 100,000 rows.
 */
export function sendListCsv<T>(reply: FastifyReply, name: string, columns: CsvColumns<T>, page: (limit: number, offset: number) => Promise<{ items: T[] }>) {
  async function* pages() {
    for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
      const { items } = await page(PAGE, offset);
      if (items.length) yield items.map((item) => columns.map(([, value]) => value(item)));
      if (items.length < PAGE) return;
    }
  }
  const filename = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  return reply.type(CSV_CONTENT_TYPE).header('content-disposition', attachment(filename)).header('cache-control', 'no-store')
    .send(csvStream(columns.map(([header]) => header), pages()));
}
