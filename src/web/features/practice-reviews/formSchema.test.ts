import { describe, expect, it } from 'vitest';
import { practiceReviewInput } from '../../../domain/practice-reviews.js';
import { friendlyErrors } from '../../components/forms.js';
import { emptyAssessment, fieldOrder, formPathOf, reviewForm, toReviewBody } from './formSchema.js';

/** Priya's debrief with Kai after Tuesday's incident: the kitchen lock (restriction 12) is judged not the least restrictive option. */
function debrief() {
  return {
    kind: 'post_incident', serviceId: '2', personId: '7', incidentId: '318', heldOn: '2025-01-16',
    tookPart: ['person', 'staff'], staffIds: [4, 9],
    assessments: [
      { restrictionId: 12, isNecessary: 'yes', isProportionate: 'yes', isLeastRestrictive: 'no', note: ' A drink on request would do. ' },
      { restrictionId: 15, isNecessary: 'yes', isProportionate: 'yes', isLeastRestrictive: 'yes', note: '' },
    ],
    whatCouldBeDifferent: 'Offer a drink before the television goes off.',
    contributoryFactors: ['physical_environment'],
    recommendations: [{ text: 'Challenge the kitchen lock' }, { text: '  ' }, { text: 'Add a drinks routine to the plan' }],
  };
}

const issuePaths = (values: unknown) => {
  const result = reviewForm.safeParse(values, { error: friendlyErrors });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the record-a-review form', () => {
  it('turns the answers into the API body: yes and no as true and false, staff with the staff, no blank recommendations', () => {
    const parsed = reviewForm.parse(debrief());
    const body = toReviewBody(parsed);
    expect(body).toEqual({
      kind: 'post_incident', incidentId: 318, personId: 7, serviceId: 2, heldOn: '2025-01-16',
      participants: { person: true, family: false, advocate: false, staff: true, staffIds: [4, 9] },
      assessments: [
        { restrictionId: 12, isNecessary: true, isProportionate: true, isLeastRestrictive: false, note: 'A drink on request would do.' },
        { restrictionId: 15, isNecessary: true, isProportionate: true, isLeastRestrictive: true, note: '' },
      ],
      whatCouldBeDifferent: 'Offer a drink before the television goes off.',
      contributoryFactors: ['physical_environment'],
      recommendations: ['Challenge the kitchen lock', 'Add a drinks routine to the plan'],
    });
    expect(practiceReviewInput.safeParse(body).success).toBe(true);
  });

  it('sends a periodic review without its incident, and no staff names once staff are unticked', () => {
    const body = toReviewBody(reviewForm.parse({ ...debrief(), kind: 'periodic', tookPart: ['family'] }));
    expect(body.incidentId).toBeUndefined();
    expect(body.participants).toEqual({ person: false, family: true, advocate: false, staff: false, staffIds: [] });
  });

  it('puts a missing judgement on its own question, and asks for the incident and who took part, all at once', () => {
    const values = debrief();
    values.assessments[1] = { ...emptyAssessment(15), isNecessary: 'yes', isProportionate: 'yes' };
    expect(issuePaths({ ...values, incidentId: '', tookPart: [] })).toEqual([
      'tookPart: Tick who took part',
      'assessments.1.isLeastRestrictive: Choose yes or no',
      'incidentId: Choose the incident this review follows',
    ]);
    // A radio nobody touched reads as null.
    values.assessments[1] = { ...values.assessments[1], isLeastRestrictive: null as unknown as string };
    expect(issuePaths(values)).toEqual(['assessments.1.isLeastRestrictive: Choose yes or no']);
  });

  it('refuses a review held in the future', () => {
    expect(issuePaths({ ...debrief(), heldOn: '2999-01-01' })).toEqual(['heldOn: This is in the future']);
    expect(issuePaths({ ...debrief(), heldOn: '' })).toEqual(['heldOn: Enter the date']);
  });

  it('puts the server’s errors about who took part on the questions that ask it', () => {
    expect(formPathOf('participants.staffIds.1')).toBe('staffIds');
    expect(formPathOf('participants.staff')).toBe('tookPart');
    expect(formPathOf('assessments.0.restrictionId')).toBe('assessments.0.restrictionId');
    expect(formPathOf('heldOn')).toBe('heldOn');
  });

  it('lists the fields in screen order, each restriction’s questions in turn, for the error summary', () => {
    const order = fieldOrder(2, 1);
    expect(order.slice(0, 8)).toEqual(['kind', 'serviceId', 'personId', 'incidentId', 'heldOn', 'tookPart', 'staffIds', 'assessments']);
    expect(order.filter((f) => f.startsWith('assessments.1.'))).toEqual([
      'assessments.1.isNecessary', 'assessments.1.isProportionate', 'assessments.1.isLeastRestrictive', 'assessments.1.note',
    ]);
    expect(order.slice(-4)).toEqual(['whatCouldBeDifferent', 'contributoryFactors', 'recommendations', 'recommendations.0.text']);
  });
});
