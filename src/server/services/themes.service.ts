// Themes across every source for a scope and period (GET /api/v1/themes). A caller sees themes from the records
// they may read; speak-up reports add to the counts but are examples only for the guardian; board members and
// commissioners get counts only, with small numbers suppressed (DOMAIN.md 4.5).
import type { Evidence, Source } from '../../analytics/patterns/types.js';
import { monthsBetween, suppressCount } from '../../analytics/rates/series.js';
import type { ThemeQuery } from '../../analytics/themes/query.js';
import { addCalendarDays, londonDate } from '../../domain/working-days.js';
import type { Role } from '../../domain/roles.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { can, isInScope, serviceScope, type Resource } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import { getPerson, serviceNames } from '../repositories/organisation.repository.js';
import { servicesInRegion } from '../repositories/rollups.repository.js';
import { MAX_PERIOD_MONTHS, parseScope } from './measures.service.js';
import { patternEngine } from './pattern-engine-thread.js';

export interface ThemeCounts {
  incident: number | null;
  safeguarding_concern: number | null;
  complaint: number | null;
  speak_up: number | null;
  practice_review: number | null;
}

export interface ThemeView {
  key: string;
  name: string;
  total: number | null;
  bySource: ThemeCounts;
  byService: { serviceId: number; name: string; count: number | null }[];
  trend: { month: string; count: number | null }[];
  examples: Evidence[];
}

export interface ThemesResult {
  scope: string;
  from: string;
  to: string;
  /** True when counts under 5 are hidden and the rest rounded to 5 (board members and commissioners). */
  isSuppressed: boolean;
  /** The sources whose records were counted for this caller. */
  sources: Source[];
  themes: ThemeView[];
}

const sourceResource: Record<Exclude<Source, 'speak_up'>, Resource> = {
  incident: 'incident', safeguarding_concern: 'safeguarding_concern', complaint: 'complaint', practice_review: 'practice_review',
};
const aggregateRoles: readonly Role[] = ['board_member', 'commissioner'];

/** Themes for a scope and period, as the caller may see them. */
export async function listThemes(ctx: Context, scopeText: string, fromText?: string, toText?: string): Promise<ThemesResult> {
  const actor = ctx.actor;
  if (!can(actor, 'read', 'organisation') && !can(actor, 'read', 'service_summary')) throw forbidden();
  const scope = parseScope(scopeText);
  const to = toText ?? londonDate(new Date());
  const from = fromText ?? addCalendarDays(to, -364);
  if (from > to) throw invalid('query.from', 'The start of the period must not be after its end.');
  // Each theme carries a count for every month of the period.
  if (monthsBetween(from.slice(0, 7), to.slice(0, 7)).length > MAX_PERIOD_MONTHS) {
    throw invalid('query.from', `Ask for at most ${MAX_PERIOD_MONTHS / 12} years.`);
  }
  const isAggregate = actor.kind === 'user' && aggregateRoles.includes(actor.role);

  // Which sources count, and which may be shown as examples.
  const counted: Source[] = [];
  const exampled = new Set<Source>();
  for (const source of Object.keys(sourceResource) as Exclude<Source, 'speak_up'>[]) {
    if (isAggregate || can(actor, 'read', sourceResource[source])) counted.push(source);
    if (!isAggregate && can(actor, 'read', sourceResource[source])) exampled.add(source);
  }
  counted.push('speak_up');
  if (can(actor, 'read', 'speak_up')) exampled.add('speak_up');

  const query = await inTransaction(ctx, async (trx): Promise<ThemeQuery> => {
    const actorScope = serviceScope(actor);
    let services: 'all' | readonly number[] = actorScope;
    let personId: number | null = null;
    if (scope.type === 'person') {
      if (!can(actor, 'read', 'person')) throw notFound('person');
      const person = await getPerson(trx, scope.id);
      if (!person || !isInScope(actor, person.service_id)) throw notFound('person');
      services = [person.service_id];
      personId = scope.id;
      await audit(trx, ctx, { action: 'read', kind: 'person', id: scope.id, summary: 'Viewed the themes in their records' });
    } else if (scope.type === 'service') {
      if (!isInScope(actor, scope.id)) throw notFound('service');
      services = [scope.id];
    } else if (scope.type === 'region') {
      const all = actorScope === 'all' ? (await serviceNames(trx, 'all')).map((s) => s.id) : actorScope;
      services = await servicesInRegion(trx, scope.id, all);
      if (!services.length) throw notFound('region');
    }
    const names = await serviceNames(trx, services);
    return {
      sources: counted, exampled: [...exampled], from, to, services, personId, examples: isAggregate ? 0 : 5,
      serviceNames: names.map((s) => ({ id: s.id, name: s.name })),
    };
  });
  // The records as the pattern engine already holds them (phrases extracted once, new rows read as they come): the
  // engine filters them rather than a request re-reading and re-parsing every source's free text.
  const summaries = await patternEngine(ctx.database).themes(query);
  const count = (n: number) => (isAggregate ? suppressCount(n) : n);
  const themes: ThemeView[] = summaries
    .filter((t) => !isAggregate || suppressCount(t.total) !== null)
    .map((t) => ({
      key: t.key, name: t.name, total: count(t.total),
      bySource: {
        incident: count(t.bySource.incident), safeguarding_concern: count(t.bySource.safeguarding_concern), complaint: count(t.bySource.complaint),
        speak_up: count(t.bySource.speak_up), practice_review: count(t.bySource.practice_review),
      },
      byService: t.byService.map((s) => ({ serviceId: s.serviceId, name: s.name, count: count(s.count) })),
      trend: t.trend.map((p) => ({ month: p.month, count: count(p.count) })),
      examples: isAggregate ? [] : t.examples,
    }));
  return { scope: scopeText, from, to, isSuppressed: isAggregate, sources: counted, themes };
}
