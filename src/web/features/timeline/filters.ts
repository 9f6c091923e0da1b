import type { TimelineSource } from '../../../domain/timeline.js';

/** A timeline's or a service log's filters as the API takes them; absent means "any". */
export interface TimelineFilter {
  /** Comma-separated sources; absent for every source the role reads. */
  sources?: string;
  from?: string;
  to?: string;
}

/** A search's filters as the API takes them. */
export interface SearchFilter extends TimelineFilter {
  q?: string;
  serviceId?: string;
}

/**
 * The sources ticked in the address (`sources=incident&sources=complaint`, or comma-separated), kept to those offered
 * and in their order. None ticked, or none known, means every one offered.
 */
export function sourcesFrom(params: URLSearchParams, offered: readonly TimelineSource[]): TimelineSource[] {
  const asked = new Set(params.getAll('sources').flatMap((value) => value.split(',')).map((s) => s.trim()));
  const chosen = offered.filter((source) => asked.has(source));
  return chosen.length ? chosen : [...offered];
}

// Dates and numbers go to the API as typed, so that what is wrong with them comes back on their field.
const text = (params: URLSearchParams, key: string) => params.get(key)?.trim() || undefined;

/** The filters in the address for a person's timeline or a service's log. */
export function timelineFilterFrom(params: URLSearchParams, offered: readonly TimelineSource[]): TimelineFilter {
  const sources = sourcesFrom(params, offered);
  return {
    ...(sources.length < offered.length ? { sources: sources.join(',') } : {}),
    ...(text(params, 'from') ? { from: text(params, 'from') } : {}),
    ...(text(params, 'to') ? { to: text(params, 'to') } : {}),
  };
}

/** The search in the address: the words, and the same filters as a timeline plus a service. */
export function searchFilterFrom(params: URLSearchParams, offered: readonly TimelineSource[]): SearchFilter {
  return {
    ...(text(params, 'q') ? { q: text(params, 'q') } : {}),
    ...timelineFilterFrom(params, offered),
    ...(text(params, 'serviceId') ? { serviceId: text(params, 'serviceId') } : {}),
  };
}
