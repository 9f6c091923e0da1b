// Loads the public SPC conformance data kept outside the repository (DOMAIN.md 4.4): NHS England Making Data
// Count test data and cases from NHSRplotthedots, nhspy-plotthedots and PowerBI-SPC (MIT-licensed; see the
// sources recorded in spc_cases.json). The files are read-only; nothing here copies or changes them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Directory holding the shared conformance files: ../shared/external from the repo root, else $LANTERN_SHARED_DIR. */
export function sharedExternalDir(): string {
  const candidates = [path.resolve(process.cwd(), '../shared/external')];
  const fromEnv = process.env['LANTERN_SHARED_DIR'];
  if (fromEnv) candidates.push(path.resolve(fromEnv, 'external'), path.resolve(fromEnv));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'spc_cases.json')));
  if (found === undefined) {
    throw new Error(`SPC conformance data not found in ${candidates.join(' or ')}; set LANTERN_SHARED_DIR to the shared folder`);
  }
  return found;
}

/** Text of a shared file without its UTF-8 byte-order mark. */
export function readSharedText(name: string): string {
  return readFileSync(path.join(sharedExternalDir(), name), 'utf8').replace(/^\uFEFF/, '');
}

/** Rows of a simple CSV (no quoted fields, as in the shared files), header included. */
export function parseCsv(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

export type MdcColour = 'grey' | 'blue' | 'orange' | 'purple';

export interface MdcSeries {
  metric: string;
  points: { date: string; value: number; colour: MdcColour }[];
}

// One row of "Summary icons - variation - High is good 2" (14/01/2023, value 32) is filed under a misspelt metric
// name in the CSV; spc_cases.json (mdc-29) re-inserts it the same way.
const METRIC_ALIASES: Readonly<Record<string, string>> = {
  'Summary icons - variation - High is good2': 'Summary icons - variation - High is good 2',
};

/** The Making Data Count test series (mdc_xmr_test_data.csv), points ordered by their dd/mm/yyyy dates. */
export function loadMdcSeries(): MdcSeries[] {
  const [header, ...rows] = parseCsv(readSharedText('mdc_xmr_test_data.csv'));
  if (header?.join(',') !== 'Metric,Date,Value,Colour') throw new Error(`Unexpected header: ${String(header)}`);
  const byMetric = new Map<string, MdcSeries>();
  for (const [rawMetric, date, value, colour] of rows) {
    if (rawMetric === undefined || date === undefined || value === undefined || colour === undefined) {
      throw new Error('Short CSV row');
    }
    if (!['grey', 'blue', 'orange', 'purple'].includes(colour)) throw new Error(`Unknown colour ${colour}`);
    const metric = METRIC_ALIASES[rawMetric] ?? rawMetric;
    let series = byMetric.get(metric);
    if (series === undefined) {
      series = { metric, points: [] };
      byMetric.set(metric, series);
    }
    series.points.push({ date, value: Number(value), colour: colour as MdcColour });
  }
  for (const series of byMetric.values()) series.points.sort((a, b) => isoDate(a.date).localeCompare(isoDate(b.date)));
  return [...byMetric.values()];
}

function isoDate(ddmmyyyy: string): string {
  const [dd, mm, yyyy] = ddmmyyyy.split('/');
  return `${yyyy}-${mm}-${dd}`;
}

/** The machine-readable cases (spc_cases.json), untyped: each test reads the fields it needs. */
export function loadSpcCases(): { cases: SpcCase[] } {
  return JSON.parse(readSharedText('spc_cases.json')) as { cases: SpcCase[] };
}

export type SpcCase = { id: string; rule_profile: string } & Record<string, any>;

/** A number rounded to `decimals` places, as the sources print their figures. */
export function rounded(x: number | null | undefined, decimals: number): number {
  if (x === null || x === undefined) throw new Error('expected a number');
  return Number(x.toFixed(decimals));
}
