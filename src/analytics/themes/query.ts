import { monthsBetween } from '../rates/series.js';
import type { IncidentFact, Source, SourceRecord } from '../patterns/types.js';
import { summariseThemes, type ThemeSummary } from './themes.js';

/** Which records a caller's themes are drawn from, and what they may be shown of them: plain data, so it can cross threads. */
export interface ThemeQuery {
  /** The sources counted. */
  sources: readonly Source[];
  /** The sources whose records may be given as examples. */
  exampled: readonly Source[];
  /** Dates (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
  services: 'all' | readonly number[];
  /** Only one person's records: their incidents, and other records about them. */
  personId: number | null;
  /** The names of the services in scope, for counts by service. */
  serviceNames: readonly { id: number; name: string }[];
  /** Examples per theme (0 for counts only). */
  examples: number;
}

/** The themes in the records a query selects, busiest first. */
export function themesIn(facts: { incidents: readonly IncidentFact[]; records: readonly SourceRecord[] }, query: ThemeQuery): ThemeSummary[] {
  const wanted = new Set(query.sources);
  const exampled = new Set(query.exampled);
  const inServices = query.services === 'all' ? null : new Set(query.services);
  const { personId } = query;
  const personIncidents = personId === null ? null : new Set(facts.incidents.filter((i) => i.personIds.includes(personId)).map((i) => i.id));
  const records = facts.records.filter((r) => wanted.has(r.source) && r.date >= query.from && r.date <= query.to
    && (inServices === null || (r.serviceId !== null && inServices.has(r.serviceId)))
    && (personIncidents === null || (r.source === 'incident' ? personIncidents.has(r.id) : r.personId === personId)));
  return summariseThemes(records, query.serviceNames.map((s) => ({ id: s.id, ref: null, name: s.name })), {
    months: monthsBetween(query.from.slice(0, 7), query.to.slice(0, 7)), limit: 60, examples: query.examples,
    canExample: (r) => exampled.has(r.source),
  });
}
