// Themes: what records are about, from three places. A small curated lexicon groups keyphrase variants (and the
// themes or categories people recorded) under one name; contributory factor codes are themes of their own; and
// frequent keyphrases the lexicon does not know become data-driven themes. Pure functions, no I/O.
import { contributoryFactorLabels, contributoryFactors, type ContributoryFactor } from '../../domain/contributory-factors.js';
import type { Evidence, ServiceFact, Source, SourceRecord } from '../patterns/types.js';
import { sources } from '../patterns/types.js';

export interface ThemeDefinition {
  key: string;
  name: string;
  /** Keyphrases (as `extractPhrases` writes them) that mean this theme. */
  phrases: readonly string[];
  /** Complaint themes, speak-up themes and categories people recorded that mean this theme (lower case). */
  labels: readonly string[];
}

export const themeLexicon: readonly ThemeDefinition[] = [
  {
    key: 'staffing_levels', name: 'Staffing levels',
    phrases: ['short-staffed', 'understaffed', 'not enough staff', 'no cover', 'agency cover', 'staff sickness', 'staff shortage', 'staffing level', 'staffing'],
    labels: ['staffing levels', 'staffing', 'staff shortages', 'staffing level'],
  },
  {
    key: 'transport', name: 'Transport',
    phrases: ['minibus', 'minibus driver', 'vehicle off the road', 'outing cancelled', 'trip cancelled', 'transport', 'taxi'],
    labels: ['transport'],
  },
  {
    key: 'environment_restrictions', name: 'Environment and restrictions',
    phrases: ['locked kitchen', 'locked door', 'kitchen rule', 'blanket restriction', 'locked cupboard', 'locked fridge'],
    labels: ['blanket restriction', 'blanket_restriction'],
  },
  {
    key: 'restrictive_practice', name: 'Restrictive practice',
    phrases: ['restraint', 'hold', 'restrictive practice', 'seclusion', 'prone restraint'],
    labels: ['restraint practice', 'restrictive_practice', 'restrictive practice'],
  },
  {
    key: 'medication', name: 'Medication',
    phrases: ['medication', 'mar chart', 'prn', 'medication error'],
    labels: ['medication'],
  },
  {
    key: 'communication', name: 'Communication with families',
    phrases: ['phone call', 'phone', 'newsletter'],
    labels: ['communication'],
  },
  {
    key: 'family_contact', name: 'Family contact',
    phrases: ['family contact', 'visit cancelled'],
    labels: ['family contact', 'family_contact'],
  },
];

export type ThemeKind = 'lexicon' | 'factor' | 'phrase' | 'label';

export interface ThemeInfo { key: string; name: string; kind: ThemeKind }

const byPhrase = new Map<string, ThemeDefinition>();
const byLabel = new Map<string, ThemeDefinition>();
for (const theme of themeLexicon) {
  for (const p of theme.phrases) byPhrase.set(p, theme);
  for (const l of theme.labels) byLabel.set(l, theme);
}
/** Single words the lexicon uses: a data-driven phrase containing one of them belongs to that lexicon theme. */
const lexiconWords = new Map<string, ThemeDefinition>();
for (const theme of themeLexicon) for (const p of theme.phrases) if (!p.includes(' ')) lexiconWords.set(p, theme);

const factorSet = new Set<string>(contributoryFactors);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The theme a contributory factor code stands for. */
export function factorTheme(code: string): ThemeInfo {
  const name = factorSet.has(code) ? contributoryFactorLabels[code as ContributoryFactor] : capitalise(code.replaceAll('_', ' '));
  return { key: `factor:${code}`, name, kind: 'factor' };
}

/** The lexicon theme a keyphrase belongs to, if any. */
export function lexiconThemeOf(phrase: string): ThemeDefinition | undefined {
  if (lexiconMemo.has(phrase)) return lexiconMemo.get(phrase);
  const theme = findLexiconTheme(phrase);
  if (lexiconMemo.size >= 200_000) lexiconMemo.clear();
  lexiconMemo.set(phrase, theme);
  return theme;
}
const lexiconMemo = new Map<string, ThemeDefinition | undefined>();

function findLexiconTheme(phrase: string): ThemeDefinition | undefined {
  const exact = byPhrase.get(phrase);
  if (exact) return exact;
  if (!phrase.includes(' ')) return undefined;
  for (const word of phrase.split(' ')) {
    const theme = lexiconWords.get(word);
    if (theme) return theme;
  }
  return undefined;
}

export interface ThemeAssignment {
  /** Every theme met, by key. */
  themes: ReadonlyMap<string, ThemeInfo>;
  /** The theme keys of each record, in the order of the records given. */
  recordThemes: readonly (readonly string[])[];
}

export interface AssignOptions {
  /** Fewest records a keyphrase outside the lexicon needs to become a theme of its own (default 5). */
  minPhraseRecords?: number;
}

/**
 * The themes of each record: lexicon themes from its keyphrases and recorded labels, a theme per contributory
 * factor, label themes for recorded labels the lexicon does not know, and data-driven themes for keyphrases
 * outside the lexicon that at least `minPhraseRecords` records share. A data-driven phrase that nearly always
 * comes inside a longer frequent phrase ("alarm" in "fire alarm") gives way to the longer one.
 */
export function assignThemes(records: readonly SourceRecord[], options: AssignOptions = {}): ThemeAssignment {
  const minRecords = options.minPhraseRecords ?? 5;
  const phraseCounts = new Map<string, number>();
  for (const r of records) {
    for (const p of r.phrases) if (!lexiconThemeOf(p)) phraseCounts.set(p, (phraseCounts.get(p) ?? 0) + 1);
  }
  const frequent = new Map([...phraseCounts].filter(([, n]) => n >= minRecords));
  // Which longer frequent phrases contain each word, so "alarm" can give way to "fire alarm".
  const longerByWord = new Map<string, string[]>();
  for (const p of frequent.keys()) {
    if (!p.includes(' ')) continue;
    for (const w of p.split(' ')) {
      const list = longerByWord.get(w);
      if (list) list.push(p); else longerByWord.set(w, [p]);
    }
  }
  const dataDriven = new Set<string>();
  for (const [p, n] of frequent) {
    const longer = p.includes(' ') ? [] : (longerByWord.get(p) ?? []);
    if (longer.some((q) => (frequent.get(q) ?? 0) >= 0.8 * n)) continue;
    dataDriven.add(p);
  }

  const themes = new Map<string, ThemeInfo>();
  const note = (info: ThemeInfo) => { if (!themes.has(info.key)) themes.set(info.key, info); return info.key; };
  const recordThemes = records.map((r) => {
    const keys = new Set<string>();
    for (const p of r.phrases) {
      const theme = lexiconThemeOf(p);
      if (theme) keys.add(note({ key: theme.key, name: theme.name, kind: 'lexicon' }));
      else if (dataDriven.has(p)) keys.add(note({ key: `phrase:${p}`, name: capitalise(p), kind: 'phrase' }));
    }
    for (const raw of r.labels) {
      const label = raw.trim().toLowerCase();
      if (!label) continue;
      const theme = byLabel.get(label) ?? byLabel.get(label.replaceAll('_', ' '));
      if (theme) keys.add(note({ key: theme.key, name: theme.name, kind: 'lexicon' }));
      else keys.add(note({ key: `label:${label.replaceAll('_', ' ')}`, name: capitalise(label.replaceAll('_', ' ')), kind: 'label' }));
    }
    for (const code of r.factors) keys.add(note(factorTheme(code)));
    return [...keys];
  });
  return { themes, recordThemes };
}

export interface ThemeSummary {
  key: string;
  name: string;
  kind: ThemeKind;
  total: number;
  bySource: Record<Source, number>;
  byService: { serviceId: number; name: string; count: number }[];
  trend: { month: string; count: number }[];
  examples: Evidence[];
}

export interface SummariseOptions extends AssignOptions {
  /** The months to give a trend for (YYYY-MM, in order); by default every month with a record. */
  months?: readonly string[];
  /** Most themes to return, largest first (default 50). */
  limit?: number;
  /** Most example records per theme, most recent first (default 5). */
  examples?: number;
  /** Whether a record may be given as an example (say, speak-up reports only for the guardian); default all. */
  canExample?: (record: SourceRecord) => boolean;
}

const emptyBySource = (): Record<Source, number> => Object.fromEntries(sources.map((s) => [s, 0])) as Record<Source, number>;

/** Themes with their counts per source and per service, a monthly trend and the most recent example records. */
export function summariseThemes(records: readonly SourceRecord[], services: readonly ServiceFact[], options: SummariseOptions = {}): ThemeSummary[] {
  const { themes, recordThemes } = assignThemes(records, options);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const months = options.months ?? [...new Set(records.map((r) => r.month))].sort();
  const exampleLimit = options.examples ?? 5;
  const canExample = options.canExample ?? (() => true);
  interface Acc { total: number; bySource: Record<Source, number>; byService: Map<number, number>; byMonth: Map<string, number>; examples: SourceRecord[] }
  const acc = new Map<string, Acc>();
  records.forEach((r, index) => {
    for (const key of recordThemes[index]!) {
      let a = acc.get(key);
      if (!a) { a = { total: 0, bySource: emptyBySource(), byService: new Map(), byMonth: new Map(), examples: [] }; acc.set(key, a); }
      a.total += 1;
      a.bySource[r.source] += 1;
      if (r.serviceId !== null) a.byService.set(r.serviceId, (a.byService.get(r.serviceId) ?? 0) + 1);
      a.byMonth.set(r.month, (a.byMonth.get(r.month) ?? 0) + 1);
      if (canExample(r)) {
        a.examples.push(r);
        if (a.examples.length > exampleLimit * 4) keepRecent(a.examples, exampleLimit);
      }
    }
  });
  const out: ThemeSummary[] = [];
  for (const [key, a] of acc) {
    const info = themes.get(key)!;
    keepRecent(a.examples, exampleLimit);
    out.push({
      key, name: info.name, kind: info.kind, total: a.total, bySource: a.bySource,
      byService: [...a.byService].map(([serviceId, count]) => ({ serviceId, name: serviceName.get(serviceId) ?? `Service ${serviceId}`, count }))
        .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name)),
      trend: months.map((month) => ({ month, count: a.byMonth.get(month) ?? 0 })),
      examples: a.examples.map((r) => (r.ref ? { kind: r.source, id: r.id, ref: r.ref } : { kind: r.source, id: r.id })),
    });
  }
  out.sort((x, y) => y.total - x.total || x.name.localeCompare(y.name));
  return out.slice(0, options.limit ?? 50);
}

/** Keep the `limit` most recent records (latest date first, then highest id), in place. */
function keepRecent(list: SourceRecord[], limit: number) {
  list.sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
  list.length = Math.min(list.length, limit);
}
