import { describe, expect, it } from 'vitest';
import { isRestrictionJustified } from '../../src/domain/practice-reviews.js';
import {
  challengeOutcomeLabels, challengeOutcomes, daysReviewOverdue, isReviewOverdue, restrictionCategories, restrictionCategoryLabels,
  restrictionInput, restrictionLegalBases, restrictionLegalBasisLabels, restrictionUpdate, ukToday,
} from '../../src/domain/restrictions.js';

describe('restriction review dates', () => {
  it('is overdue only from the day after it falls due', () => {
    expect(isReviewOverdue({ reviewDueOn: '2026-11-25', status: 'active' }, '2026-11-26')).toBe(true);
    expect(isReviewOverdue({ reviewDueOn: '2026-11-26', status: 'active' }, '2026-11-26')).toBe(false);
    expect(isReviewOverdue({ reviewDueOn: '2026-12-01', status: 'reducing' }, '2026-11-26')).toBe(false);
  });

  it('never flags an ended restriction', () => {
    expect(isReviewOverdue({ reviewDueOn: '2020-01-01', status: 'ended' }, '2026-11-26')).toBe(false);
    expect(daysReviewOverdue({ reviewDueOn: '2020-01-01', status: 'ended' }, '2026-11-26')).toBe(0);
  });

  it('counts whole days overdue, across a month end', () => {
    expect(daysReviewOverdue({ reviewDueOn: '2026-10-30', status: 'reducing' }, '2026-11-02')).toBe(3);
    expect(daysReviewOverdue({ reviewDueOn: '2026-11-26', status: 'active' }, '2026-11-26')).toBe(0);
  });

  it('takes today from the clock in England: 23:30 UTC in summer is already tomorrow', () => {
    expect(ukToday(new Date('2026-06-01T23:30:00Z'))).toBe('2026-06-02');
    expect(ukToday(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-01');
    // Due on 1 June: at 23:30 UTC on 1 June it is 2 June in England, so the review is overdue.
    expect(isReviewOverdue({ reviewDueOn: '2026-06-01', status: 'active' }, ukToday(new Date('2026-06-01T23:30:00Z')))).toBe(true);
  });
});

describe('restriction codes and input', () => {
  it('labels every stored code, all in lower snake case', () => {
    for (const [codes, labels] of [
      [restrictionCategories, restrictionCategoryLabels], [restrictionLegalBases, restrictionLegalBasisLabels], [challengeOutcomes, challengeOutcomeLabels],
    ] as const) {
      for (const code of codes) {
        expect(code).toMatch(/^[a-z][a-z_]*$/);
        expect((labels as Record<string, string>)[code]).toBeTruthy();
      }
    }
  });

  it('refuses an unknown category and defaults the status to active', () => {
    const base = {
      serviceId: 1, category: 'environmental', description: 'Kitchen locked after 20:00', legalBasis: 'best_interests_decision',
      alternativesConsidered: 'Supervised kitchen use', startedOn: '2026-01-01', reviewDueOn: '2026-04-01',
    };
    expect(restrictionInput.parse(base).status).toBe('active');
    const unknown = restrictionInput.safeParse({ ...base, category: 'curfew' });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path).toEqual(['category']);
  });

  it('needs a reason and at least one change', () => {
    expect(restrictionUpdate.safeParse({ reason: 'Reviewed' }).success).toBe(false);
    expect(restrictionUpdate.safeParse({ status: 'reducing' }).success).toBe(false);
    expect(restrictionUpdate.safeParse({ reason: 'Reviewed', reviewDueOn: '2027-01-01' }).success).toBe(true);
  });

  it('judges a restriction justified only when necessary, proportionate and least restrictive', () => {
    expect(isRestrictionJustified({ isNecessary: true, isProportionate: true, isLeastRestrictive: true })).toBe(true);
    expect(isRestrictionJustified({ isNecessary: true, isProportionate: true, isLeastRestrictive: false })).toBe(false);
  });
});
