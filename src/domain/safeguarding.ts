// Safeguarding adults (Care Act 2014 s42) from concern to outcome: the stored codes of DOMAIN.md §6.1, the
// request and response schemas shared by server and client, and the pure rules: which state a concern is in,
// which combinations of answers are coherent, which changes are decisions, and the timescales.
import { z } from 'zod';
import { contributoryFactors } from './contributory-factors.js';
import { id, isoDate, isoInstant, nonEmptyText } from './common.js';
import { endOfLondonDay, endOfWorkingDaysAfter, formatLondonDay, londonDate, UK_TIME_ZONE } from './working-days.js';

// ---------------------------------------------------------------------------------------------------------
// Codes (DOMAIN.md §2.2, §2.5 and §6.1)

/** The ten categories of the Care and support statutory guidance plus sexual exploitation (SAC SG2a). */
export const abuseCategories = [
  'physical', 'domestic', 'sexual', 'psychological', 'financial_or_material', 'modern_slavery', 'discriminatory',
  'organisational', 'neglect_and_acts_of_omission', 'self_neglect', 'sexual_exploitation',
] as const;
export type AbuseCategory = (typeof abuseCategories)[number];
export const abuseCategoryLabels: Record<AbuseCategory, string> = {
  physical: 'Physical', domestic: 'Domestic', sexual: 'Sexual', psychological: 'Psychological',
  financial_or_material: 'Financial or material', modern_slavery: 'Modern slavery', discriminatory: 'Discriminatory',
  organisational: 'Organisational', neglect_and_acts_of_omission: 'Neglect and acts of omission', self_neglect: 'Self-neglect',
  sexual_exploitation: 'Sexual exploitation',
};

/** Location of risk (SAC SG2b). */
export const locationsOfRisk = [
  'own_home', 'community', 'community_service', 'care_home_nursing', 'care_home_residential', 'hospital_acute',
  'hospital_mental_health', 'hospital_community', 'other',
] as const;
export type LocationOfRisk = (typeof locationsOfRisk)[number];
export const locationOfRiskLabels: Record<LocationOfRisk, string> = {
  own_home: 'Own home', community: 'In the community (excluding community services)', community_service: 'In a community service',
  care_home_nursing: 'Care home – nursing', care_home_residential: 'Care home – residential', hospital_acute: 'Hospital – acute',
  hospital_mental_health: 'Hospital – mental health', hospital_community: 'Hospital – community', other: 'Other',
};

/** Source of risk (SAC SG2b); "service provider" is any paid or commissioned social care provider. */
export const sourcesOfRisk = ['service_provider', 'known_to_individual', 'unknown_to_individual'] as const;
export type SourceOfRisk = (typeof sourcesOfRisk)[number];
export const sourceOfRiskLabels: Record<SourceOfRisk, string> = {
  service_provider: 'Service provider', known_to_individual: 'Other – known to individual', unknown_to_individual: 'Other – unknown to individual',
};

/** The local authority's decision on a concern (Care Act s42 triage). */
export const laDecisions = ['section_42_enquiry', 'other_enquiry', 'no_further_action'] as const;
export type LaDecision = (typeof laDecisions)[number];
export const laDecisionLabels: Record<LaDecision, string> = {
  section_42_enquiry: 'Section 42 enquiry', other_enquiry: 'Other safeguarding enquiry', no_further_action: 'No further action',
};

/** Decisions that open an enquiry (s42 or "other"), and so need an outcome before closure. */
export function isEnquiryDecision(decision: LaDecision | null): boolean {
  return decision === 'section_42_enquiry' || decision === 'other_enquiry';
}

/** Action and result of an enquiry (SAC SG2c). */
export const enquiryOutcomes = [
  'risk_identified_action_taken', 'risk_identified_no_action_taken', 'risk_inconclusive_action_taken',
  'risk_inconclusive_no_action_taken', 'no_risk_action_taken', 'no_risk_no_action_taken', 'ceased_at_request',
] as const;
export type EnquiryOutcome = (typeof enquiryOutcomes)[number];
export const enquiryOutcomeLabels: Record<EnquiryOutcome, string> = {
  risk_identified_action_taken: 'Risk identified and action taken',
  risk_identified_no_action_taken: 'Risk identified and no action taken',
  risk_inconclusive_action_taken: 'Risk assessment inconclusive and action taken',
  risk_inconclusive_no_action_taken: 'Risk assessment inconclusive and no action taken',
  no_risk_action_taken: 'No risk identified and action taken',
  no_risk_no_action_taken: 'No risk identified and no action taken',
  ceased_at_request: 'Enquiry ceased at individual’s request and no action taken',
};

/** Risk outcome, recorded only where risk was identified and action taken (SAC SG2e). */
export const riskOutcomes = ['risk_remained', 'risk_reduced', 'risk_removed'] as const;
export type RiskOutcome = (typeof riskOutcomes)[number];
export const riskOutcomeLabels: Record<RiskOutcome, string> = { risk_remained: 'Risk remained', risk_reduced: 'Risk reduced', risk_removed: 'Risk removed' };

/** Making Safeguarding Personal: were the person's desired outcomes asked? (SAC SG4a) */
export const mspAskedValues = ['yes_outcomes_expressed', 'yes_none_expressed', 'no', 'dont_know', 'not_recorded'] as const;
export type MspAsked = (typeof mspAskedValues)[number];
export const mspAskedLabels: Record<MspAsked, string> = {
  yes_outcomes_expressed: 'Yes, asked and outcomes expressed', yes_none_expressed: 'Yes, asked but none expressed',
  no: 'No', dont_know: 'Don’t know', not_recorded: 'Not recorded',
};

/** Making Safeguarding Personal: were the expressed outcomes achieved? (SAC SG4a) */
export const mspAchievedValues = ['fully', 'partially', 'not_achieved'] as const;
export type MspAchieved = (typeof mspAchievedValues)[number];
export const mspAchievedLabels: Record<MspAchieved, string> = { fully: 'Fully', partially: 'Partially', not_achieved: 'Not achieved' };

/** Did the person lack mental capacity to make decisions about the safeguarding risk? (SAC SG3a) */
export const lackedCapacityValues = ['yes', 'no', 'dont_know', 'not_recorded'] as const;
export type LackedCapacity = (typeof lackedCapacityValues)[number];
export const lackedCapacityLabels: Record<LackedCapacity, string> = { yes: 'Yes', no: 'No', dont_know: 'Don’t know', not_recorded: 'Not recorded' };

/** Where a concern is, derived from what has been recorded (see concernStatus). */
export const concernStatuses = ['raised', 'referred', 'enquiry', 'no_further_action', 'outcome_recorded', 'closed'] as const;
export type ConcernStatus = (typeof concernStatuses)[number];
export const concernStatusLabels: Record<ConcernStatus, string> = {
  raised: 'Raised, not yet referred', referred: 'Referred, awaiting the local authority’s decision', enquiry: 'Enquiry open',
  no_further_action: 'No further action by the local authority', outcome_recorded: 'Outcome recorded', closed: 'Closed',
};

/** Kinds of entry in a concern's decision log: decisions recorded through changes, and notes added directly. */
export const decisionKinds = [
  'raised', 'referred', 'referral_withdrawn', 'la_decision', 'caused_enquiry', 'outcome', 'risk_outcome',
  'cqc_notification_required', 'cqc_notified', 'closed', 'reopened', 'update',
  'note', 'strategy_discussion', 'escalation', 'sar_considered',
] as const;
export type DecisionKind = (typeof decisionKinds)[number];
/** The kinds a person may add as a decision note. */
export const decisionNoteKinds = ['note', 'strategy_discussion', 'escalation', 'sar_considered'] as const;

// ---------------------------------------------------------------------------------------------------------
// Timescales (DOMAIN.md §2.3): local, so configurable per local authority

export interface TimescaleSettings {
  /** Refer to the local authority by the end of this many working days after the day raised (0 = same working day). */
  referralWorkingDays: number;
  /** Notify CQC "without delay" (reg 18); flagged once this many hours have passed since the concern was raised. */
  cqcNotificationHours: number;
  /** Complete an enquiry within this many working days of the local authority's decision to enquire. */
  enquiryWorkingDays: number;
}

/** Defaults where a local authority has set none: same or next working day, 24 hours, 28 working days. */
export const defaultTimescales: TimescaleSettings = { referralWorkingDays: 1, cqcNotificationHours: 24, enquiryWorkingDays: 28 };

export const timescaleRules = ['refer_to_local_authority', 'notify_cqc', 'complete_enquiry'] as const;
export type TimescaleRule = (typeof timescaleRules)[number];
export const timescaleRuleLabels: Record<TimescaleRule, string> = {
  refer_to_local_authority: 'Refer to the local authority',
  notify_cqc: 'Notify CQC',
  complete_enquiry: 'Complete the enquiry',
};

/** met / met_late: done (on time or late); pending: not yet due; due_soon: due by the end of the next working day. */
export const timescaleStates = ['met', 'met_late', 'pending', 'due_soon', 'overdue'] as const;
export type TimescaleState = (typeof timescaleStates)[number];

/** What the timescale rules need to know about a concern. Instants are ISO-8601; dates YYYY-MM-DD. */
export interface ConcernClock {
  raisedAt: string;
  referredToLaAt: string | null;
  cqcNotificationRequired: boolean;
  cqcNotifiedAt: string | null;
  laDecision: LaDecision | null;
  laDecisionAt: string | null;
  causedEnquiry: boolean;
  causedEnquiryDueOn: string | null;
  enquiryOutcome: EnquiryOutcome | null;
  enquiryOutcomeAt: string | null;
  closedAt: string | null;
}

export interface TimescaleItem {
  rule: TimescaleRule;
  dueAt: string;
  state: TimescaleState;
  completedAt: string | null;
  /** Open: minutes past the deadline now (negative = minutes left). Done: minutes late (negative = early). */
  minutesOverdue: number;
  summary: string;
}

/** Referral deadline: the end of the configured working day after the day (in England) the concern was raised. */
export function referralDueAt(raisedAt: string, settings: TimescaleSettings): Date {
  return endOfWorkingDaysAfter(raisedAt, settings.referralWorkingDays);
}

/** CQC notification flag time: the configured number of hours after the concern was raised. */
export function cqcNotificationDueAt(raisedAt: string, settings: TimescaleSettings): Date {
  return new Date(Date.parse(raisedAt) + settings.cqcNotificationHours * 3_600_000);
}

/**
 * Enquiry completion target, for an LA decision to enquire: the due date the LA set for a caused enquiry when
 * there is one, otherwise the configured working days after the decision (or the referral, if undated).
 */
export function enquiryDueAt(c: ConcernClock, settings: TimescaleSettings): Date | null {
  if (!isEnquiryDecision(c.laDecision)) return null;
  if (c.causedEnquiry && c.causedEnquiryDueOn) return endOfLondonDay(c.causedEnquiryDueOn);
  return endOfWorkingDaysAfter(c.laDecisionAt ?? c.referredToLaAt ?? c.raisedAt, settings.enquiryWorkingDays);
}

/** "Due soon" means due by the end of the next working day (in England) after `now`. */
export function isDueSoon(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() <= endOfWorkingDaysAfter(now, 1).getTime();
}

/**
 * A span of minutes in words, as precise as is useful: "157 days" (a week or more), "2 days 3 hours", "23 hours"
 * (three hours or more), "1 hour 5 minutes", "45 minutes".
 */
export function describeMinutes(total: number): string {
  const minutes = Math.abs(Math.round(total));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days) return hours && days < 7 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours) return mins && hours < 3 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour');
  return unit(mins, 'minute');
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function deadlineWords(rule: TimescaleRule, dueAt: Date): string {
  if (rule === 'notify_cqc') return `without delay, and by ${londonTime.format(dueAt)} on ${formatLondonDay(dueAt)}`;
  return `by the end of ${formatLondonDay(dueAt)}`;
}

function timescaleItem(rule: TimescaleRule, dueAt: Date, completedAt: string | null, now: Date): TimescaleItem {
  const reference = completedAt ? Date.parse(completedAt) : now.getTime();
  // Whole minutes, towards zero: "1 day 13 hours left" rather than rounding time left up.
  const minutesOverdue = Math.trunc((reference - dueAt.getTime()) / 60_000);
  const state: TimescaleState = completedAt
    ? (Date.parse(completedAt) <= dueAt.getTime() ? 'met' : 'met_late')
    : now.getTime() > dueAt.getTime() ? 'overdue' : isDueSoon(dueAt, now) ? 'due_soon' : 'pending';
  const what = `${timescaleRuleLabels[rule]} ${deadlineWords(rule, dueAt)}`;
  const how: Record<TimescaleState, string> = {
    met: 'done in time',
    met_late: `done ${describeMinutes(minutesOverdue)} late`,
    pending: `${describeMinutes(minutesOverdue)} left`,
    // The page's tag already says "Due soon".
    due_soon: `${describeMinutes(minutesOverdue)} left`,
    overdue: `overdue by ${describeMinutes(minutesOverdue)}`,
  };
  return { rule, dueAt: dueAt.toISOString(), state, completedAt, minutesOverdue, summary: `${what}: ${how[state]}.` };
}

/** Every timescale that applies to a concern, met or not, at `now`. */
export function concernTimescales(c: ConcernClock, settings: TimescaleSettings, now: Date): TimescaleItem[] {
  const items: TimescaleItem[] = [];
  // A closed concern has been referred and has its outcome (closure requires them), so only CQC can be left open.
  if (!c.closedAt || c.referredToLaAt) {
    items.push(timescaleItem('refer_to_local_authority', referralDueAt(c.raisedAt, settings), c.referredToLaAt, now));
  }
  if (c.cqcNotificationRequired) {
    items.push(timescaleItem('notify_cqc', cqcNotificationDueAt(c.raisedAt, settings), c.cqcNotifiedAt, now));
  }
  const enquiryDue = enquiryDueAt(c, settings);
  if (enquiryDue && (!c.closedAt || c.enquiryOutcome)) {
    items.push(timescaleItem('complete_enquiry', enquiryDue, c.enquiryOutcome ? (c.enquiryOutcomeAt ?? c.closedAt ?? c.raisedAt) : null, now));
  }
  return items;
}

/** The items a safeguarding lead must act on: overdue, or due by the end of the next working day. */
export function worklistTimescales(c: ConcernClock, settings: TimescaleSettings, now: Date): TimescaleItem[] {
  return concernTimescales(c, settings, now).filter((t) => t.state === 'overdue' || t.state === 'due_soon');
}

// ---------------------------------------------------------------------------------------------------------
// State, coherence and decisions

/** Everything about a concern that a stage update can change, as stored (nulls for "not recorded"). */
export interface ConcernState extends ConcernClock {
  categories: AbuseCategory[];
  locationOfRisk: LocationOfRisk;
  sourceOfRisk: SourceOfRisk;
  contributoryFactors: string[];
  localAuthorityId: number | null;
  laReference: string | null;
  causedEnquiryRequestedOn: string | null;
  causedEnquiryCompletedOn: string | null;
  safeguardingPlan: string | null;
  riskOutcome: RiskOutcome | null;
  mspAsked: MspAsked | null;
  mspDesiredOutcomes: string | null;
  mspAchieved: MspAchieved | null;
  lackedCapacity: LackedCapacity | null;
  advocateInvolved: boolean | null;
  policeInvolved: boolean;
  policeReference: string | null;
}

/** The stage a concern has reached: closed, outcome recorded, enquiry open, no further action, referred, raised. */
export function concernStatus(c: Pick<ConcernState, 'closedAt' | 'enquiryOutcome' | 'laDecision' | 'referredToLaAt'>): ConcernStatus {
  if (c.closedAt) return 'closed';
  if (c.enquiryOutcome) return 'outcome_recorded';
  if (c.laDecision === 'no_further_action') return 'no_further_action';
  if (c.laDecision) return 'enquiry';
  if (c.referredToLaAt) return 'referred';
  return 'raised';
}

export interface StateProblem { path: string; message: string }

/** Clock tolerance for "not in the future": a device a little ahead of the server is not an error. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * The problems with a concern's state taken as a whole (after applying an update), each naming the field to
 * correct: answers that only make sense after another (risk outcome after "risk identified and action taken",
 * MSP achieved after outcomes were expressed, an LA decision after the referral, an outcome after a decision
 * to enquire), times in order and not in the future, and closure only with an outcome and the MSP answers.
 */
export function concernStateProblems(s: ConcernState, now: Date): StateProblem[] {
  const problems: StateProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const raised = Date.parse(s.raisedAt);
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const instants: [keyof ConcernState, string | null, string][] = [
    ['raisedAt', s.raisedAt, 'raised'],
    ['referredToLaAt', s.referredToLaAt, 'referred'],
    ['laDecisionAt', s.laDecisionAt, 'decided'],
    ['enquiryOutcomeAt', s.enquiryOutcomeAt, 'recorded'],
    ['cqcNotifiedAt', s.cqcNotifiedAt, 'notified'],
    ['closedAt', s.closedAt, 'closed'],
  ];
  for (const [path, value, verb] of instants) {
    if (!value) continue;
    const at = Date.parse(value);
    if (at > latest) add(path, 'This cannot be in the future');
    else if (path !== 'raisedAt' && at < raised) add(path, `It cannot have been ${verb} before the concern was raised`);
  }
  if (s.laDecisionAt && s.referredToLaAt && Date.parse(s.laDecisionAt) < Date.parse(s.referredToLaAt)) {
    add('laDecisionAt', 'The local authority cannot have decided before the referral');
  }

  if (s.laDecision && !s.referredToLaAt) add('laDecision', 'Record the referral to the local authority before its decision');
  if (s.enquiryOutcome && !isEnquiryDecision(s.laDecision)) {
    add('enquiryOutcome', 'An outcome follows a local authority decision to make a section 42 or other enquiry');
  }
  if (s.riskOutcome && s.enquiryOutcome !== 'risk_identified_action_taken') {
    add('riskOutcome', 'A risk outcome is recorded only when the outcome is risk identified and action taken');
  }
  if (s.mspAchieved && s.mspAsked !== 'yes_outcomes_expressed') {
    add('mspAchieved', 'Whether outcomes were achieved is recorded only when the person was asked and expressed outcomes');
  }
  if (!s.causedEnquiry) {
    for (const path of ['causedEnquiryRequestedOn', 'causedEnquiryDueOn', 'causedEnquiryCompletedOn'] as const) {
      if (s[path]) add(path, 'Dates of a caused enquiry are recorded only when the local authority asked the provider to make the enquiry');
    }
  } else if (s.causedEnquiryRequestedOn) {
    if (s.causedEnquiryDueOn && s.causedEnquiryDueOn < s.causedEnquiryRequestedOn) add('causedEnquiryDueOn', 'The due date must be on or after the date requested');
    if (s.causedEnquiryCompletedOn && s.causedEnquiryCompletedOn < s.causedEnquiryRequestedOn) add('causedEnquiryCompletedOn', 'The completion date must be on or after the date requested');
  }
  if (s.causedEnquiryRequestedOn && s.causedEnquiryRequestedOn < londonDate(s.raisedAt)) {
    add('causedEnquiryRequestedOn', 'A caused enquiry cannot have been requested before the concern was raised');
  }
  if (s.causedEnquiryCompletedOn && s.causedEnquiryCompletedOn > londonDate(new Date(latest))) {
    add('causedEnquiryCompletedOn', 'This cannot be in the future');
  }

  if (s.closedAt) for (const gap of closingGaps(s)) add('closedAt', `Before closing, record ${gap}.`);
  return problems;
}

/**
 * What must be recorded before a concern can be closed, as phrases to follow "record": the authority's decision,
 * the enquiry's outcome (and, where risk was identified and action taken, what happened to the risk) and the
 * Making Safeguarding Personal answers. Empty when it can be closed. The page lists them beside "Close".
 */
export function closingGaps(s: Pick<ConcernState, 'laDecision' | 'enquiryOutcome' | 'riskOutcome' | 'mspAsked' | 'mspAchieved'>): string[] {
  const gaps: string[] = [];
  if (!s.laDecision) gaps.push('the local authority’s decision');
  else if (isEnquiryDecision(s.laDecision) && !s.enquiryOutcome) gaps.push('the outcome of the enquiry');
  if (s.enquiryOutcome === 'risk_identified_action_taken' && !s.riskOutcome) gaps.push('whether the risk remained, was reduced or was removed');
  if (!s.mspAsked) gaps.push('whether the person was asked what they wanted to happen (Making Safeguarding Personal)');
  else if (s.mspAsked === 'yes_outcomes_expressed' && !s.mspAchieved) gaps.push('whether the outcomes the person wanted were achieved');
  return gaps;
}

/** The fields whose change is a decision, and so needs a reason and goes into the decision log. */
export const decisionFields = [
  'referredToLaAt', 'laDecision', 'causedEnquiry', 'enquiryOutcome', 'riskOutcome', 'cqcNotificationRequired', 'cqcNotifiedAt', 'closedAt',
] as const;
export type DecisionField = (typeof decisionFields)[number];

export interface DecisionEntry { kind: DecisionKind; value: string | null; summary: string }

/** One decision-log entry per decision that changes between two states, with a plain-English "what". */
export function decisionEntries(before: ConcernState, after: ConcernState, localAuthorityName: string | null): DecisionEntry[] {
  const entries: DecisionEntry[] = [];
  const day = (instant: string) => formatLondonDay(instant);
  if (before.referredToLaAt !== after.referredToLaAt) {
    entries.push(after.referredToLaAt
      ? {
        kind: 'referred', value: after.referredToLaAt,
        summary: `Referred to ${localAuthorityName ?? 'the local authority'} on ${day(after.referredToLaAt)}${after.laReference ? ` (reference ${after.laReference})` : ''}`,
      }
      : { kind: 'referral_withdrawn', value: null, summary: 'Referral record withdrawn' });
  }
  if (before.laDecision !== after.laDecision) {
    entries.push({
      kind: 'la_decision', value: after.laDecision,
      summary: after.laDecision ? `Local authority decision: ${laDecisionLabels[after.laDecision]}` : 'Local authority decision withdrawn',
    });
  }
  if (before.causedEnquiry !== after.causedEnquiry) {
    entries.push({
      kind: 'caused_enquiry', value: after.causedEnquiry ? 'yes' : 'no',
      summary: after.causedEnquiry
        ? `The local authority asked the provider to make a caused enquiry${after.causedEnquiryDueOn ? `, due ${formatLondonDay(`${after.causedEnquiryDueOn}T12:00:00Z`)}` : ''}`
        : 'No caused enquiry by the provider',
    });
  }
  if (before.enquiryOutcome !== after.enquiryOutcome) {
    entries.push({
      kind: 'outcome', value: after.enquiryOutcome,
      summary: after.enquiryOutcome ? `Outcome: ${enquiryOutcomeLabels[after.enquiryOutcome]}` : 'Outcome withdrawn',
    });
  }
  if (before.riskOutcome !== after.riskOutcome) {
    entries.push({
      kind: 'risk_outcome', value: after.riskOutcome,
      summary: after.riskOutcome ? `Risk outcome: ${riskOutcomeLabels[after.riskOutcome]}` : 'Risk outcome withdrawn',
    });
  }
  if (before.cqcNotificationRequired !== after.cqcNotificationRequired) {
    entries.push({
      kind: 'cqc_notification_required', value: after.cqcNotificationRequired ? 'yes' : 'no',
      summary: after.cqcNotificationRequired ? 'CQC must be notified' : 'CQC notification not required',
    });
  }
  if (before.cqcNotifiedAt !== after.cqcNotifiedAt) {
    entries.push({
      kind: 'cqc_notified', value: after.cqcNotifiedAt,
      summary: after.cqcNotifiedAt ? `CQC notified on ${day(after.cqcNotifiedAt)}` : 'CQC notification record withdrawn',
    });
  }
  if (before.closedAt !== after.closedAt) {
    entries.push(after.closedAt
      ? { kind: 'closed', value: after.closedAt, summary: `Closed on ${day(after.closedAt)}` }
      : { kind: 'reopened', value: null, summary: 'Reopened' });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------
// Request schemas

const instant = isoInstant('Use a date and time as ISO-8601, e.g. 2026-03-02T14:30:00Z');
const uniqueList = <T extends z.ZodType>(item: T, min: number, max: number, what: string) =>
  z.array(item).min(min, `Choose at least ${min}`).max(max).refine((list) => new Set(list).size === list.length, `Each ${what} only once`);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

export const concernInput = z.strictObject({
  serviceId: id,
  personId: id,
  raisedAt: instant,
  categories: uniqueList(z.enum(abuseCategories), 1, abuseCategories.length, 'category'),
  locationOfRisk: z.enum(locationsOfRisk),
  sourceOfRisk: z.enum(sourcesOfRisk),
  immediateProtection: nonEmptyText(4000),
  narrative: nonEmptyText(10_000),
  policeInvolved: z.boolean(),
  policeReference: optionalText(60).optional(),
  contributoryFactors: uniqueList(z.enum(contributoryFactors), 0, contributoryFactors.length, 'factor').optional(),
  cqcNotificationRequired: z.boolean().optional(),
  localAuthorityId: id.optional(),
  /** The incident that raised it, at the same service: the two are linked. */
  incidentId: id.optional(),
});
export type ConcernInput = z.infer<typeof concernInput>;

// Updates carry only what changes (no defaults); null clears an answer.
export const concernUpdate = z.strictObject({
  categories: uniqueList(z.enum(abuseCategories), 1, abuseCategories.length, 'category').optional(),
  locationOfRisk: z.enum(locationsOfRisk).optional(),
  sourceOfRisk: z.enum(sourcesOfRisk).optional(),
  contributoryFactors: uniqueList(z.enum(contributoryFactors), 0, contributoryFactors.length, 'factor').optional(),
  policeInvolved: z.boolean().optional(),
  policeReference: optionalText(60).nullable().optional(),
  localAuthorityId: id.nullable().optional(),
  referredToLaAt: instant.nullable().optional(),
  laReference: optionalText(60).nullable().optional(),
  laDecision: z.enum(laDecisions).nullable().optional(),
  laDecisionAt: instant.nullable().optional(),
  causedEnquiry: z.boolean().optional(),
  causedEnquiryRequestedOn: isoDate.nullable().optional(),
  causedEnquiryDueOn: isoDate.nullable().optional(),
  causedEnquiryCompletedOn: isoDate.nullable().optional(),
  safeguardingPlan: optionalText(10_000).nullable().optional(),
  enquiryOutcome: z.enum(enquiryOutcomes).nullable().optional(),
  enquiryOutcomeAt: instant.nullable().optional(),
  riskOutcome: z.enum(riskOutcomes).nullable().optional(),
  mspAsked: z.enum(mspAskedValues).nullable().optional(),
  mspDesiredOutcomes: optionalText(4000).nullable().optional(),
  mspAchieved: z.enum(mspAchievedValues).nullable().optional(),
  lackedCapacity: z.enum(lackedCapacityValues).nullable().optional(),
  advocateInvolved: z.boolean().nullable().optional(),
  cqcNotificationRequired: z.boolean().optional(),
  cqcNotifiedAt: instant.nullable().optional(),
  closedAt: instant.nullable().optional(),
  /** Why: required when the update changes a decision (see decisionFields). */
  reason: nonEmptyText(4000).optional(),
}).refine((u) => Object.keys(u).some((k) => k !== 'reason'), { message: 'Nothing to change', path: [] });
export type ConcernUpdate = z.infer<typeof concernUpdate>;

export const decisionNoteInput = z.strictObject({
  kind: z.enum(decisionNoteKinds).default('note'),
  summary: nonEmptyText(500),
  reason: nonEmptyText(4000),
});
export type DecisionNoteInput = z.infer<typeof decisionNoteInput>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const concernListQuery = z.strictObject({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  personId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.enum(concernStatuses).optional(),
  overdue: flag.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ConcernListQuery = z.infer<typeof concernListQuery>;

export const timescaleSettingsInput = z.strictObject({
  referralWorkingDays: z.number().int().min(0).max(20),
  cqcNotificationHours: z.number().int().min(1).max(168),
  enquiryWorkingDays: z.number().int().min(1).max(260),
});

// ---------------------------------------------------------------------------------------------------------
// Response schemas

export const timescaleItemSchema = z.object({
  rule: z.enum(timescaleRules),
  dueAt: z.string(),
  state: z.enum(timescaleStates),
  completedAt: z.string().nullable(),
  minutesOverdue: z.number(),
  summary: z.string(),
});

export const timescaleSettingsSchema = z.object({
  referralWorkingDays: z.number(),
  cqcNotificationHours: z.number(),
  enquiryWorkingDays: z.number(),
  /** Whether these are the local authority's own settings or Lantern's defaults. */
  source: z.enum(['local_authority', 'default']),
});

export const localAuthorityTimescalesSchema = timescaleSettingsSchema.extend({ localAuthorityId: z.number(), localAuthorityName: z.string() });

export const decisionSchema = z.object({
  id: z.number(),
  at: z.string(),
  by: z.object({ userId: z.number().nullable(), name: z.string() }),
  kind: z.enum(decisionKinds),
  value: z.string().nullable(),
  summary: z.string(),
  reason: z.string().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const concernSummarySchema = z.object({
  id: z.number(),
  serviceId: z.number(),
  serviceName: z.string(),
  personId: z.number(),
  personName: z.string(),
  raisedAt: z.string(),
  status: z.enum(concernStatuses),
  categories: z.array(z.enum(abuseCategories)),
  localAuthority: z.object({ id: z.number(), name: z.string() }).nullable(),
  isOverdue: z.boolean(),
  overdueRules: z.array(z.enum(timescaleRules)),
});
export type ConcernSummary = z.infer<typeof concernSummarySchema>;

export const concernSchema = concernSummarySchema.extend({
  raisedBy: z.object({ userId: z.number().nullable(), name: z.string() }),
  locationOfRisk: z.enum(locationsOfRisk),
  sourceOfRisk: z.enum(sourcesOfRisk),
  immediateProtection: z.string(),
  narrative: z.string(),
  contributoryFactors: z.array(z.enum(contributoryFactors)),
  policeInvolved: z.boolean(),
  policeReference: z.string().nullable(),
  cqcNotificationRequired: z.boolean(),
  cqcNotifiedAt: z.string().nullable(),
  referredToLaAt: z.string().nullable(),
  laReference: z.string().nullable(),
  laDecision: z.enum(laDecisions).nullable(),
  laDecisionAt: z.string().nullable(),
  causedEnquiry: z.boolean(),
  causedEnquiryRequestedOn: z.string().nullable(),
  causedEnquiryDueOn: z.string().nullable(),
  causedEnquiryCompletedOn: z.string().nullable(),
  safeguardingPlan: z.string().nullable(),
  enquiryOutcome: z.enum(enquiryOutcomes).nullable(),
  enquiryOutcomeAt: z.string().nullable(),
  riskOutcome: z.enum(riskOutcomes).nullable(),
  mspAsked: z.enum(mspAskedValues).nullable(),
  mspDesiredOutcomes: z.string().nullable(),
  mspAchieved: z.enum(mspAchievedValues).nullable(),
  lackedCapacity: z.enum(lackedCapacityValues).nullable(),
  advocateInvolved: z.boolean().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timescales: z.object({ settings: timescaleSettingsSchema, items: z.array(timescaleItemSchema) }),
  /** The decision log, oldest first; left out for roles that do not make safeguarding decisions. */
  decisions: z.array(decisionSchema).optional(),
});
export type Concern = z.infer<typeof concernSchema>;

export const worklistItemSchema = timescaleItemSchema.extend({
  concernId: z.number(),
  serviceId: z.number(),
  serviceName: z.string(),
  personId: z.number(),
  personName: z.string(),
  raisedAt: z.string(),
  status: z.enum(concernStatuses),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;
