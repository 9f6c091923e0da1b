import { describe, expect, it } from 'vitest';
import {
  actionInput, actionInPlainWords, canMoveAction, completesByDocument, coverage, defaultShareDueOn, expiryDate, inForceOn, isActionOverdue,
  outcomeText, plainDate, shareAnswerInput, trainingState,
} from '../../src/domain/learning.js';
import { isWorkingDay, workingDaysBetween } from '../../src/domain/working-days.js';

describe('lesson coverage', () => {
  const share = (dueOn: string, answeredAt: string | null) => ({ dueOn, answeredAt });
  it('says how many services acknowledged and how many are overdue', () => {
    const shares = [
      ...Array.from({ length: 11 }, () => share('2026-11-01', '2026-10-20T10:00:00Z')),
      share('2026-11-20', null), share('2026-11-25', null), share('2026-11-10', null),
    ];
    expect(coverage(shares, '2026-11-26')).toEqual({ shared: 14, answered: 11, overdue: 3, text: 'acknowledged by 11 of 14 services, 3 overdue' });
  });
  it('is not overdue on the due date itself, nor once answered late', () => {
    expect(coverage([share('2026-11-26', null), share('2026-11-01', '2026-11-20T09:00:00Z')], '2026-11-26').text).toBe('acknowledged by 1 of 2 services');
    expect(coverage([share('2026-11-26', null)], '2026-11-27').text).toBe('acknowledged by 0 of 1 service, 1 overdue');
    expect(coverage([], '2026-11-27').text).toBe('not shared with other services');
  });
});

describe('share due dates in working days', () => {
  it('skips weekends and bank holidays: 20 working days from Fri 18 Dec 2026 crosses Christmas and New Year', () => {
    const due = defaultShareDueOn('2026-12-18');
    expect(isWorkingDay(due)).toBe(true);
    expect(workingDaysBetween('2026-12-18', due)).toBe(20);
    // Three bank holidays (25, 28 Dec and 1 Jan) push it beyond four calendar weeks.
    expect(due > '2027-01-15').toBe(true);
  });
});

describe('documents in force', () => {
  const v = (kind: string, version: number, inForceFrom: string) => ({ kind, version, inForceFrom });
  const versions = [v('support_plan', 1, '2026-01-01'), v('support_plan', 2, '2026-06-01'), v('risk_assessment', 1, '2026-03-01'), v('support_plan', 3, '2026-09-01')];
  it('picks, for each kind, the latest version in force on the day', () => {
    expect(inForceOn(versions, '2026-05-31')).toEqual([v('risk_assessment', 1, '2026-03-01'), v('support_plan', 1, '2026-01-01')]);
    expect(inForceOn(versions, '2026-06-01')).toEqual([v('risk_assessment', 1, '2026-03-01'), v('support_plan', 2, '2026-06-01')]);
    expect(inForceOn(versions, '2027-01-01').map((d) => d.version)).toEqual([1, 3]);
    expect(inForceOn(versions, '2025-12-31')).toEqual([]);
  });
  it('prefers the later version when two come into force the same day', () => {
    expect(inForceOn([v('support_plan', 4, '2026-06-01'), v('support_plan', 5, '2026-06-01')], '2026-06-01')[0]?.version).toBe(5);
  });
});

describe('actions', () => {
  it('completes plan actions only through documents', () => {
    expect(completesByDocument('support_plan')).toBe(true);
    expect(completesByDocument('behaviour_support_plan')).toBe(true);
    expect(completesByDocument('risk_assessment')).toBe(true);
    expect(completesByDocument('workforce_development')).toBe(false);
  });
  it('moves status forward only', () => {
    expect(canMoveAction('open', 'completed')).toBe(true);
    expect(canMoveAction('completed', 'closed')).toBe(true);
    expect(canMoveAction('completed', 'open')).toBe(false);
    expect(canMoveAction('closed', 'closed')).toBe(false);
  });
  it('is overdue only while open or in progress and past its due date', () => {
    expect(isActionOverdue({ dueOn: '2026-11-25', status: 'open' }, '2026-11-26')).toBe(true);
    expect(isActionOverdue({ dueOn: '2026-11-26', status: 'in_progress' }, '2026-11-26')).toBe(false);
    expect(isActionOverdue({ dueOn: '2026-11-01', status: 'completed' }, '2026-11-26')).toBe(false);
  });
  it('requires an owner, a due date and a measure, naming each missing field', () => {
    const result = actionInput.safeParse({ lessonId: 1, type: 'policy', description: 'Rewrite the handover procedure.' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['dueOn', 'measure', 'owner']);
    const noOwner = actionInput.safeParse({
      lessonId: 1, type: 'policy', description: 'x', owner: {}, dueOn: '2026-12-01', measure: { key: 'incidents', scope: { type: 'organisation' } },
    });
    expect(noOwner.error!.issues.map((i) => i.path.join('.'))).toEqual(['owner']);
  });
  it('puts an action in plain words', () => {
    expect(actionInPlainWords({ type: 'support_plan', description: 'Add a communication passport', status: 'completed', completedOn: '2026-11-26', dueOn: '2026-12-01' }))
      .toBe('Revise support plan guidance: Add a communication passport (done on 26 Nov 2026).');
    expect(actionInPlainWords({ type: 'staffing', description: 'A familiar worker leads evenings', status: 'open', completedOn: null, dueOn: '2027-01-05' }))
      .toBe('Staffing: A familiar worker leads evenings (planned, due by 5 Jan 2027).');
  });
  it('says what a report led to', () => {
    expect(outcomeText('an incident (INC-7)', '2026-11-02', 1, 2)).toBe('You reported an incident (INC-7) on 2 Nov 2026. It led to 1 lesson and 2 actions.');
    expect(outcomeText('a complaint', '2026-11-02', 0, 0)).toBe('You reported a complaint on 2 Nov 2026. No lessons have been recorded from it yet.');
    expect(plainDate('2026-11-26')).toBe('26 Nov 2026');
  });
  it('asks a receiving service what it did unless the lesson does not apply', () => {
    expect(shareAnswerInput.safeParse({ applies: 'no' }).success).toBe(true);
    expect(shareAnswerInput.safeParse({ applies: 'yes' }).error!.issues[0]!.path).toEqual(['whatWeDid']);
  });
});

describe('training', () => {
  it('expires a completion after the course’s validity, clamped to the month’s end', () => {
    expect(expiryDate('2026-11-26', 12)).toBe('2027-11-26');
    expect(expiryDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(expiryDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(expiryDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(expiryDate('2026-11-26', null)).toBeNull();
  });
  it('counts as completed until the expiry date has passed', () => {
    expect(trainingState({ completedOn: null, expiresOn: null }, '2026-11-26')).toBe('outstanding');
    expect(trainingState({ completedOn: '2025-11-26', expiresOn: '2026-11-26' }, '2026-11-26')).toBe('completed');
    expect(trainingState({ completedOn: '2025-11-26', expiresOn: '2026-11-25' }, '2026-11-26')).toBe('expired');
  });
});
