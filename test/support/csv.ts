import { expect } from 'vitest';
import type { Response } from './http.js';

/** A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The export as records keyed by header, after checking it is a CSV download named for the list. */
export function csvRecords(response: Response, name: string): { header: string[]; rows: Record<string, string>[] } {
  expect(response.status, String(response.body)).toBe(200);
  expect(String(response.headers['content-type'])).toContain('text/csv');
  expect(String(response.headers['content-disposition'])).toMatch(new RegExp(`^attachment; filename="${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
  expect(response.headers['cache-control']).toBe('no-store');
  // UTF-8 with a byte-order mark, so a spreadsheet shows "–" and "’" as they are.
  expect(String(response.body).startsWith('\uFEFF')).toBe(true);
  const [header, ...body] = parseCsv(String(response.body).slice(1));
  return { header: header!, rows: body.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i] ?? '']))) };
}
