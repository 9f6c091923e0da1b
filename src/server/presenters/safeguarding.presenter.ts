import { fromFlag } from '../../db/connection.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import type {
  AbuseCategory, Concern, ConcernState, ConcernStatus, ConcernSummary, Decision, DecisionKind, EnquiryOutcome, LackedCapacity, LaDecision,
  LocationOfRisk, MspAchieved, MspAsked, RiskOutcome, SourceOfRisk, TimescaleItem, TimescaleSettings, WorklistItem,
} from '../../domain/safeguarding.js';
import type { AnyActor } from '../policies/actor.js';
import type { ConcernRow, DecisionRow } from '../repositories/safeguarding.repository.js';

// Presenters are allow-lists: each names every field that may leave the server.

/** The stored row as the domain's state of a concern. */
export function concernStateOf(row: ConcernRow, categories: readonly string[], factors: readonly string[]): ConcernState {
  return {
    raisedAt: row.raised_at,
    categories: categories as AbuseCategory[],
    locationOfRisk: row.location_of_risk as LocationOfRisk,
    sourceOfRisk: row.source_of_risk as SourceOfRisk,
    contributoryFactors: [...factors],
    policeInvolved: fromFlag(row.police_involved),
    policeReference: row.police_reference,
    localAuthorityId: row.local_authority_id,
    referredToLaAt: row.referred_to_la_at,
    laReference: row.la_reference,
    laDecision: row.la_decision as LaDecision | null,
    laDecisionAt: row.la_decision_at,
    causedEnquiry: fromFlag(row.caused_enquiry),
    causedEnquiryRequestedOn: row.caused_enquiry_requested_on,
    causedEnquiryDueOn: row.caused_enquiry_due_on,
    causedEnquiryCompletedOn: row.caused_enquiry_completed_on,
    safeguardingPlan: row.safeguarding_plan,
    enquiryOutcome: row.enquiry_outcome as EnquiryOutcome | null,
    enquiryOutcomeAt: row.enquiry_outcome_at,
    riskOutcome: row.risk_outcome as RiskOutcome | null,
    mspAsked: row.msp_asked as MspAsked | null,
    mspDesiredOutcomes: row.msp_desired_outcomes,
    mspAchieved: row.msp_achieved as MspAchieved | null,
    lackedCapacity: row.lacked_capacity as LackedCapacity | null,
    advocateInvolved: row.advocate_involved == null ? null : fromFlag(row.advocate_involved),
    cqcNotificationRequired: fromFlag(row.cqc_notification_required),
    cqcNotifiedAt: row.cqc_notified_at,
    closedAt: row.closed_at,
  };
}

/** Only the named fields of a state: the allow-list for what a concern shows beyond its summary. */
function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

const detailFields = [
  'locationOfRisk', 'sourceOfRisk', 'policeInvolved', 'policeReference', 'cqcNotificationRequired', 'cqcNotifiedAt',
  'referredToLaAt', 'laReference', 'laDecision', 'laDecisionAt', 'causedEnquiry', 'causedEnquiryRequestedOn', 'causedEnquiryDueOn',
  'causedEnquiryCompletedOn', 'safeguardingPlan', 'enquiryOutcome', 'enquiryOutcomeAt', 'riskOutcome', 'mspAsked', 'mspDesiredOutcomes',
  'mspAchieved', 'lackedCapacity', 'advocateInvolved', 'closedAt',
] as const satisfies readonly (keyof ConcernState)[];

export type EffectiveTimescales = TimescaleSettings & { source: 'local_authority' | 'default' };

/**
 * Whether the actor sees a concern's decision log. Support workers raise concerns and see where they got to,
 * but not the reasoning of decisions, which often concerns colleagues and third parties.
 */
export function seesDecisionLog(actor: AnyActor): boolean {
  return actor.kind === 'system' || actor.role !== 'support_worker';
}

function localAuthority(row: ConcernRow) {
  return row.local_authority_id != null && row.la_name != null ? { id: row.local_authority_id, name: row.la_name } : null;
}

export function presentConcernSummary(row: ConcernRow, categories: readonly string[], timescales: readonly TimescaleItem[]): ConcernSummary {
  const overdueRules = timescales.filter((t) => t.state === 'overdue').map((t) => t.rule);
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    personId: row.person_id,
    personName: row.person_name,
    raisedAt: row.raised_at,
    status: row.status as ConcernStatus,
    categories: categories as AbuseCategory[],
    localAuthority: localAuthority(row),
    isOverdue: overdueRules.length > 0,
    overdueRules,
  };
}

export function presentDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    at: row.at,
    by: { userId: row.actor_user_id, name: row.actor_name },
    kind: row.kind as DecisionKind,
    value: row.value,
    summary: row.summary,
    reason: row.reason,
  };
}

export interface ConcernParts {
  row: ConcernRow;
  categories: readonly string[];
  factors: readonly string[];
  settings: EffectiveTimescales;
  timescales: readonly TimescaleItem[];
  /** Left out (undefined) for roles that do not see the decision log. */
  decisions?: readonly DecisionRow[];
}

export function presentConcern({ row, categories, factors, settings, timescales, decisions }: ConcernParts): Concern {
  return {
    ...presentConcernSummary(row, categories, timescales),
    raisedBy: { userId: row.raised_by_user_id, name: row.raised_by_name },
    ...pick(concernStateOf(row, categories, factors), detailFields),
    immediateProtection: row.immediate_protection,
    narrative: row.narrative,
    contributoryFactors: factors as ContributoryFactor[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timescales: {
      settings: {
        referralWorkingDays: settings.referralWorkingDays, cqcNotificationHours: settings.cqcNotificationHours,
        enquiryWorkingDays: settings.enquiryWorkingDays, source: settings.source,
      },
      items: timescales.map((t) => ({ ...t })),
    },
    ...(decisions ? { decisions: decisions.map(presentDecision) } : {}),
  };
}

export function presentWorklistItem(row: ConcernRow, item: TimescaleItem): WorklistItem {
  return {
    concernId: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    personId: row.person_id,
    personName: row.person_name,
    raisedAt: row.raised_at,
    status: row.status as ConcernStatus,
    rule: item.rule,
    dueAt: item.dueAt,
    state: item.state,
    completedAt: item.completedAt,
    minutesOverdue: item.minutesOverdue,
    summary: item.summary,
  };
}
