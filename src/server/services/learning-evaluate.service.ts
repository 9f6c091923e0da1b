import type { Action } from '../../domain/learning.js';
import { plainDate } from '../../domain/learning.js';
import { ukToday } from '../../domain/restrictions.js';
import { conflict } from '../errors.js';
import { authorize } from '../policies/access.js';
import { audit, inTransaction, type Context } from '../context.js';
import { deleteActionMarkers } from '../repositories/measure-settings.repository.js';
import { evaluateEffect } from './effectiveness.service.js';
import { addActionMarker } from './measures.service.js';
import { loadAction, recordVerdict } from './learning.service.js';

const verdictWords = { effective: 'effective', not_yet_evident: 'not yet evident', worsened: 'worsened', insufficient_data: 'not enough data yet' } as const;

/** Where the action's measure is judged, as the effectiveness service names a scope. */
function scopeOf(action: Action) {
  const { type, id } = action.measure.scope;
  return type === 'organisation' || id === null ? { type: 'organisation' as const } : { type, id };
}

/**
 * Judge whether an action worked, at or after its review date: the measure before and after the action date
 * (see src/analytics/effectiveness). The verdict and its explanation are kept on the action; audited.
 * Asked too early, or before the action has a date, it answers 409 naming the field and changes nothing.
 */
export async function evaluateAction(ctx: Context, id: number) {
  authorize(ctx.actor, 'update', 'action');
  return inTransaction(ctx, async (trx) => {
    const action = await loadAction(ctx, trx, id);
    const today = ukToday();
    if (today < action.reviewOn) throw conflict(`This action is due for review on ${plainDate(action.reviewOn)}; it cannot be judged before then.`, 'reviewOn');
    if (!action.actionDate) throw conflict('This action has no date yet: complete it, or set the date it took effect.', 'actionDate');
    const evaluation = await evaluateEffect(trx, {
      measureKey: action.measure.key, scope: scopeOf(action), actionDate: action.actionDate, asOf: today, actionName: action.typeLabel.toLowerCase(),
    });
    await recordVerdict(trx, id, { verdict: evaluation.verdict, explanation: evaluation.explanation });
    // The verdict shows on the measure's chart at the action month, linked to the action; re-judging replaces it.
    const scope = scopeOf(action);
    await deleteActionMarkers(trx, id);
    await addActionMarker(trx, {
      measureKey: action.measure.key, scope: scope.type === 'organisation' ? 'organisation' : `${scope.type}:${scope.id}`,
      period: action.actionDate.slice(0, 7), label: `${action.typeLabel}: ${verdictWords[evaluation.verdict]}`, link: { kind: 'action', id },
      by: ctx.actor.kind === 'user' ? { userId: ctx.actor.userId, name: ctx.actor.name } : undefined,
    });
    await audit(trx, ctx, { action: 'update', kind: 'action', id, summary: `evaluated: ${evaluation.verdict}` });
    return evaluation;
  });
}
