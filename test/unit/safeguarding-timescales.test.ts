import { describe, expect, it } from 'vitest';
import {
  abuseCategories, concernStateProblems, concernStatus, concernTimescales, cqcNotificationDueAt, decisionEntries, defaultTimescales,
  describeMinutes, enquiryDueAt, enquiryOutcomes, isDueSoon, locationsOfRisk, mspAskedValues, referralDueAt, sourcesOfRisk,
  worklistTimescales, type ConcernState,
} from '../../src/domain/safeguarding.js';

/** A concern as raised, before anything else has happened. */
function raised(raisedAt: string, changes: Partial<ConcernState> = {}): ConcernState {
  return {
    raisedAt, categories: ['physical'], locationOfRisk: 'care_home_residential', sourceOfRisk: 'service_provider', contributoryFactors: [],
    policeInvolved: false, policeReference: null, localAuthorityId: null, referredToLaAt: null, laReference: null, laDecision: null,
    laDecisionAt: null, causedEnquiry: false, causedEnquiryRequestedOn: null, causedEnquiryDueOn: null, causedEnquiryCompletedOn: null,
    safeguardingPlan: null, enquiryOutcome: null, enquiryOutcomeAt: null, riskOutcome: null, mspAsked: null, mspDesiredOutcomes: null,
    mspAchieved: null, lackedCapacity: null, advocateInvolved: null, cqcNotificationRequired: true, cqcNotifiedAt: null, closedAt: null,
    ...changes,
  };
}

const rule = (items: ReturnType<typeof concernTimescales>, name: string) => items.find((t) => t.rule === name);

describe('stored codes (DOMAIN.md §6.1)', () => {
  it('has the ten statutory abuse categories plus sexual exploitation', () => {
    expect(abuseCategories).toHaveLength(11);
    expect(abuseCategories).toContain('sexual_exploitation');
    expect(abuseCategories).toContain('neglect_and_acts_of_omission');
  });
  it('uses the national collection categories for location and source of risk, outcome and MSP', () => {
    expect(locationsOfRisk).toHaveLength(9);
    expect(sourcesOfRisk).toEqual(['service_provider', 'known_to_individual', 'unknown_to_individual']);
    expect(enquiryOutcomes).toHaveLength(7);
    expect(mspAskedValues).toEqual(['yes_outcomes_expressed', 'yes_none_expressed', 'no', 'dont_know', 'not_recorded']);
  });
});

describe('referral to the local authority: the same or next working day', () => {
  it('worked example: raised Friday 24 December 2027 at 17:00 is due by the end of Wednesday 29 December (27th and 28th are bank holidays)', () => {
    expect(referralDueAt('2027-12-24T17:00:00Z', defaultTimescales).toISOString()).toBe('2027-12-29T23:59:59.999Z');
  });

  it('worked example: raised Thursday 2 April 2026 is due by the end of Tuesday 7 April, over Good Friday and Easter Monday (BST)', () => {
    expect(referralDueAt('2026-04-02T09:15:00Z', defaultTimescales).toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });

  it('worked example: raised Saturday 7 March 2026 is due by the end of Monday 9 March', () => {
    expect(referralDueAt('2026-03-07T11:00:00Z', defaultTimescales).toISOString()).toBe('2026-03-09T23:59:59.999Z');
  });

  it('follows an authority that wants referrals the same working day', () => {
    const sameDay = { ...defaultTimescales, referralWorkingDays: 0 };
    expect(referralDueAt('2026-03-06T17:00:00Z', sameDay).toISOString()).toBe('2026-03-06T23:59:59.999Z');
    expect(referralDueAt('2026-12-25T10:00:00Z', sameDay).toISOString()).toBe('2026-12-29T23:59:59.999Z');
  });
});

describe('CQC notification: without delay, flagged after 24 hours', () => {
  it('is flagged 24 hours after the concern was raised, or after the authority’s own figure', () => {
    expect(cqcNotificationDueAt('2026-03-06T17:00:00Z', defaultTimescales).toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(cqcNotificationDueAt('2026-03-06T17:00:00Z', { ...defaultTimescales, cqcNotificationHours: 48 }).toISOString()).toBe('2026-03-08T17:00:00.000Z');
  });

  it('does not apply to a concern marked as not notifiable', () => {
    const items = concernTimescales(raised('2026-03-06T17:00:00Z', { cqcNotificationRequired: false }), defaultTimescales, new Date('2026-03-10T12:00:00Z'));
    expect(items.map((t) => t.rule)).toEqual(['refer_to_local_authority']);
  });
});

describe('enquiry completion', () => {
  const decided = raised('2026-03-02T09:00:00Z', { referredToLaAt: '2026-03-02T11:00:00Z', laDecision: 'section_42_enquiry', laDecisionAt: '2026-03-02T15:00:00Z' });

  it('is due 28 working days after the decision to enquire by default (end of Monday 13 April 2026, after Easter)', () => {
    expect(enquiryDueAt(decided, defaultTimescales)?.toISOString()).toBe('2026-04-13T22:59:59.999Z');
  });

  it('uses the due date the authority set for a caused enquiry', () => {
    expect(enquiryDueAt({ ...decided, causedEnquiry: true, causedEnquiryDueOn: '2026-03-20' }, defaultTimescales)?.toISOString()).toBe('2026-03-20T23:59:59.999Z');
  });

  it('does not apply when the authority decided no further action', () => {
    expect(enquiryDueAt({ ...decided, laDecision: 'no_further_action' }, defaultTimescales)).toBeNull();
  });
});

describe('timescale states', () => {
  const concern = raised('2026-03-02T09:00:00Z'); // Monday: referral due end of Tuesday 3 March, CQC by 09:00 Tuesday

  it('a new concern is due soon for both referral and CQC', () => {
    const items = concernTimescales(concern, defaultTimescales, new Date('2026-03-02T10:00:00Z'));
    expect(items.map((t) => [t.rule, t.state])).toEqual([['refer_to_local_authority', 'due_soon'], ['notify_cqc', 'due_soon']]);
    expect(rule(items, 'notify_cqc')?.minutesOverdue).toBe(-23 * 60);
    expect(rule(items, 'refer_to_local_authority')?.summary).toBe('Refer to the local authority by the end of 3 Mar 2026: 1 day 13 hours left.');
  });

  it('says how overdue an item is, in minutes and in words', () => {
    const items = concernTimescales(concern, defaultTimescales, new Date('2026-03-05T12:30:00Z'));
    const referral = rule(items, 'refer_to_local_authority')!;
    expect(referral).toMatchObject({ state: 'overdue', dueAt: '2026-03-03T23:59:59.999Z', completedAt: null });
    expect(referral.minutesOverdue).toBe(36 * 60 + 30);
    expect(referral.summary).toBe('Refer to the local authority by the end of 3 Mar 2026: overdue by 1 day 12 hours.');
    expect(rule(items, 'notify_cqc')?.summary).toBe('Notify CQC without delay, and by 09:00 on 3 Mar 2026: overdue by 2 days 3 hours.');
  });

  it('records whether a done item was on time or late', () => {
    const done = { ...concern, referredToLaAt: '2026-03-03T16:00:00Z', cqcNotifiedAt: '2026-03-03T10:00:00Z' };
    const items = concernTimescales(done, defaultTimescales, new Date('2026-03-10T12:00:00Z'));
    expect(rule(items, 'refer_to_local_authority')).toMatchObject({ state: 'met', completedAt: '2026-03-03T16:00:00Z' });
    expect(rule(items, 'notify_cqc')).toMatchObject({ state: 'met_late', minutesOverdue: 60, summary: expect.stringContaining('done 1 hour late') });
  });

  it('is pending when the deadline is beyond the next working day', () => {
    const decided = { ...concern, referredToLaAt: '2026-03-02T11:00:00Z', cqcNotifiedAt: '2026-03-02T12:00:00Z', laDecision: 'other_enquiry' as const, laDecisionAt: '2026-03-02T15:00:00Z' };
    expect(rule(concernTimescales(decided, defaultTimescales, new Date('2026-03-09T12:00:00Z')), 'complete_enquiry')?.state).toBe('pending');
    expect(rule(concernTimescales(decided, defaultTimescales, new Date('2026-04-10T12:00:00Z')), 'complete_enquiry')?.state).toBe('due_soon'); // Friday; next working day Monday 13th
    expect(rule(concernTimescales(decided, defaultTimescales, new Date('2026-04-14T08:00:00Z')), 'complete_enquiry')?.state).toBe('overdue');
  });

  it('the worklist keeps only overdue and due-soon items, and drops the referral once it is made', () => {
    const now = new Date('2026-03-05T12:30:00Z');
    expect(worklistTimescales(concern, defaultTimescales, now).map((t) => t.rule)).toEqual(['refer_to_local_authority', 'notify_cqc']);
    expect(worklistTimescales({ ...concern, referredToLaAt: '2026-03-05T12:00:00Z' }, defaultTimescales, now).map((t) => t.rule)).toEqual(['notify_cqc']);
  });

  it('"due soon" means by the end of the next working day', () => {
    const friday = new Date('2026-03-06T10:00:00Z');
    expect(isDueSoon(new Date('2026-03-09T23:59:59.999Z'), friday)).toBe(true); // Monday
    expect(isDueSoon(new Date('2026-03-10T23:59:59.999Z'), friday)).toBe(false); // Tuesday
  });

  it('describes spans of time in words', () => {
    expect(describeMinutes(45)).toBe('45 minutes');
    expect(describeMinutes(65)).toBe('1 hour 5 minutes');
    expect(describeMinutes(-120)).toBe('2 hours');
    expect(describeMinutes(3 * 1440 + 60)).toBe('3 days 1 hour');
    expect(describeMinutes(1440)).toBe('1 day');
    // No more precise than is useful.
    expect(describeMinutes(157 * 1440 + 15 * 60)).toBe('157 days');
    expect(describeMinutes(23 * 60 + 58)).toBe('23 hours');
    expect(describeMinutes(2 * 60 + 58)).toBe('2 hours 58 minutes');
  });
});

describe('status and coherence of a concern', () => {
  const now = new Date('2026-03-20T12:00:00Z');
  const referred = raised('2026-03-02T09:00:00Z', { referredToLaAt: '2026-03-02T11:00:00Z' });
  const enquiry = { ...referred, laDecision: 'section_42_enquiry' as const, laDecisionAt: '2026-03-03T10:00:00Z' };
  const paths = (s: ConcernState) => concernStateProblems(s, now).map((p) => p.path);

  it('moves from raised to referred, enquiry, outcome and closed', () => {
    expect(concernStatus(raised('2026-03-02T09:00:00Z'))).toBe('raised');
    expect(concernStatus(referred)).toBe('referred');
    expect(concernStatus(enquiry)).toBe('enquiry');
    expect(concernStatus({ ...referred, laDecision: 'no_further_action' })).toBe('no_further_action');
    expect(concernStatus({ ...enquiry, enquiryOutcome: 'no_risk_no_action_taken' })).toBe('outcome_recorded');
    expect(concernStatus({ ...enquiry, enquiryOutcome: 'no_risk_no_action_taken', closedAt: '2026-03-19T10:00:00Z' })).toBe('closed');
  });

  it('accepts a coherent concern, closed with its outcome and MSP answers', () => {
    expect(paths({
      ...enquiry, enquiryOutcome: 'risk_identified_action_taken', enquiryOutcomeAt: '2026-03-18T10:00:00Z', riskOutcome: 'risk_reduced',
      mspAsked: 'yes_outcomes_expressed', mspAchieved: 'partially', closedAt: '2026-03-19T10:00:00Z',
    })).toEqual([]);
    expect(paths({ ...referred, laDecision: 'no_further_action', mspAsked: 'no', closedAt: '2026-03-19T10:00:00Z' })).toEqual([]);
  });

  it('records a risk outcome only where risk was identified and action taken', () => {
    expect(paths({ ...enquiry, enquiryOutcome: 'no_risk_action_taken', riskOutcome: 'risk_removed' })).toEqual(['riskOutcome']);
  });

  it('records whether outcomes were achieved only when the person expressed some', () => {
    expect(paths({ ...referred, mspAsked: 'yes_none_expressed', mspAchieved: 'fully' })).toEqual(['mspAchieved']);
  });

  it('needs the referral before the local authority’s decision, and a decision to enquire before an outcome', () => {
    expect(paths({ ...raised('2026-03-02T09:00:00Z'), laDecision: 'section_42_enquiry' })).toEqual(['laDecision']);
    expect(paths({ ...referred, laDecision: 'no_further_action', enquiryOutcome: 'no_risk_no_action_taken' })).toEqual(['enquiryOutcome']);
  });

  it('will not close without an outcome, a risk outcome where needed, and the MSP answers', () => {
    const problems = concernStateProblems({ ...enquiry, closedAt: '2026-03-19T10:00:00Z' }, now);
    expect(problems.map((p) => p.path)).toEqual(['closedAt', 'closedAt']);
    // Said in the words of the form, never in field names.
    expect(problems.map((p) => p.message).join(' ')).toMatch(/outcome of the enquiry.*asked what they wanted to happen/);
    expect(problems.map((p) => p.message).join(' ')).not.toMatch(/[a-z][A-Z]/);
    expect(concernStateProblems({
      ...enquiry, enquiryOutcome: 'risk_identified_action_taken', mspAsked: 'yes_outcomes_expressed', closedAt: '2026-03-19T10:00:00Z',
    }, now).map((p) => p.message).join(' ')).toMatch(/risk remained, was reduced or was removed.*outcomes the person wanted were achieved/);
  });

  it('keeps times in order and out of the future', () => {
    expect(paths({ ...referred, referredToLaAt: '2026-03-01T09:00:00Z' })).toEqual(['referredToLaAt']);
    expect(paths({ ...referred, cqcNotifiedAt: '2026-03-21T12:00:00Z' })).toEqual(['cqcNotifiedAt']);
    expect(paths({ ...enquiry, laDecisionAt: '2026-03-02T10:00:00Z' })).toEqual(['laDecisionAt']);
    expect(paths({ ...raised('2026-03-21T12:00:00Z') })).toEqual(['raisedAt']);
  });

  it('keeps a caused enquiry’s dates with the caused enquiry, and in order', () => {
    expect(paths({ ...enquiry, causedEnquiryDueOn: '2026-03-30' })).toEqual(['causedEnquiryDueOn']);
    expect(paths({ ...enquiry, causedEnquiry: true, causedEnquiryRequestedOn: '2026-03-04', causedEnquiryDueOn: '2026-03-03' })).toEqual(['causedEnquiryDueOn']);
  });
});

describe('decisions', () => {
  const before = raised('2026-03-02T09:00:00Z');

  it('turns each changed decision into a log entry saying what was decided', () => {
    const after = { ...before, referredToLaAt: '2026-03-02T11:00:00Z', laReference: 'LCC-1', laDecision: 'section_42_enquiry' as const, causedEnquiry: true, causedEnquiryDueOn: '2026-03-30' };
    expect(decisionEntries(before, after, 'Leeds City Council')).toEqual([
      { kind: 'referred', value: '2026-03-02T11:00:00Z', summary: 'Referred to Leeds City Council on 2 Mar 2026 (reference LCC-1)' },
      { kind: 'la_decision', value: 'section_42_enquiry', summary: 'Local authority decision: Section 42 enquiry' },
      { kind: 'caused_enquiry', value: 'yes', summary: 'The local authority asked the provider to make a caused enquiry, due 30 Mar 2026' },
    ]);
  });

  it('ignores changes that are not decisions, and closing then reopening are both decisions', () => {
    expect(decisionEntries(before, { ...before, safeguardingPlan: 'Two staff at personal care', mspAsked: 'no' }, null)).toEqual([]);
    const closed = { ...before, closedAt: '2026-03-19T10:00:00Z' };
    expect(decisionEntries(before, closed, null).map((d) => d.kind)).toEqual(['closed']);
    expect(decisionEntries(closed, before, null).map((d) => d.kind)).toEqual(['reopened']);
  });
});
