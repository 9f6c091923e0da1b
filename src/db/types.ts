import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO-8601 UTC text and dates YYYY-MM-DD text on both databases, so that
// ordering, bucketing by month (substr) and comparison behave identically. Flags are 0/1.
type Flag = number;

export interface OrganisationTable { id: Generated<number>; name: string; is_demo: Flag; created_at: string }
export interface RegionTable { id: Generated<number>; name: string }
export interface CommissionerTable { id: Generated<number>; name: string }
export interface ServiceTable {
  id: Generated<number>;
  ref: string | null;
  name: string;
  type: string;
  region_id: number;
  capacity: number;
  registration_number: string | null;
  created_at: string;
  updated_at: string;
}
export interface ServiceCommissionerTable { service_id: number; commissioner_id: number }
export interface PersonTable {
  id: Generated<number>;
  ref: string;
  display_name: string;
  service_id: number;
  learning_disability: Flag;
  autism: Flag;
  legal_status: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
  updated_at: string;
}
export interface StaffTable {
  id: Generated<number>;
  ref: string | null;
  name: string;
  job_title: string;
  employment_type: string;
  active: Flag;
}
export interface StaffServiceTable { staff_id: number; service_id: number }
export interface OccupancyTable { service_id: number; date: string; occupied_days: number }
export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  all_services: Flag;
  commissioner_id: number | null;
  staff_id: number | null;
  disabled: Flag;
  created_at: string;
  last_sign_in_at: string | null;
}
export interface UserServiceTable { user_id: number; service_id: number }
export interface SessionTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
export interface SignInFailureTable { id: Generated<number>; key: string; at: string }
export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  entity_kind: string;
  entity_id: string | null;
  ip: string | null;
  summary: string | null;
  prev_hash: string;
  hash: string;
}
export interface AuditHeadTable { id: number; seq: number; hash: string }

export interface IncidentTable {
  id: Generated<number>;
  ref: string | null;
  service_id: number;
  occurred_at: string;
  reported_at: string;
  reported_by_user_id: number | null;
  location: string;
  antecedent: string;
  behaviour: string;
  consequence: string;
  harm_physical: string;
  harm_psychological: string;
  narrative: string;
  has_agency_staff: Flag;
  status: string;
  created_at: string;
  updated_at: string;
}
export interface IncidentPersonTable { incident_id: number; person_id: number }
export interface IncidentStaffTable { incident_id: number; staff_id: number }
export interface IncidentCodeTable { incident_id: number; kind: 'setting_event' | 'factor'; code: string }
export interface RestrictiveInterventionTable {
  id: Generated<number>;
  incident_id: number;
  service_id: number;
  person_id: number | null;
  type_code: string;
  reason_code: string;
  started_at: string;
  ended_at: string;
  duration_minutes: number;
  is_planned: Flag;
  deescalation_tried: string;
  injury_person: Flag;
  injury_staff: Flag;
  injury_others: Flag;
  debrief_person: Flag;
  debrief_person_reason: string | null;
  debrief_staff: Flag;
  debrief_staff_reason: string | null;
}
export interface InterventionStaffTable { intervention_id: number; staff_id: number }
export interface IncidentNoteTable {
  id: Generated<number>;
  incident_id: number;
  kind: string;
  author_user_id: number | null;
  author_name: string;
  created_at: string;
  text: string;
  changes: string | null;
}

// Speak-up: dates only (no times), and no link to a person for anonymous reports (see 0004_speak_up).
export interface SpeakUpConcernTable {
  id: number;
  mode: string;
  status: string;
  service_id: number | null;
  what_happened: string;
  raised_elsewhere: Flag | null;
  would_like_to_happen: string | null;
  outcome: string | null;
  reporter_user_id: number | null;
  receipt_key_hash: string | null;
  received_on: string;
  message_count: Generated<number>;
}
export interface SpeakUpMessageTable {
  concern_id: number;
  position: number;
  author: 'reporter' | 'guardian';
  author_user_id: number | null;
  body: string;
  written_on: string;
}
export interface SpeakUpThemeTable { concern_id: number; theme: string }
export interface SpeakUpCategoryTable { concern_id: number; category: string }

// Safeguarding (see 0003_safeguarding): local authorities are commissioners; the decision log is append-only.
export interface SafeguardingTimescaleTable {
  local_authority_id: number;
  referral_working_days: number;
  cqc_notification_hours: number;
  enquiry_working_days: number;
  updated_at: string;
  updated_by: string | null;
}
export interface SafeguardingConcernTable {
  id: Generated<number>;
  ref: string | null;
  service_id: number;
  person_id: number;
  raised_at: string;
  raised_by_user_id: number | null;
  raised_by_name: string;
  status: string;
  location_of_risk: string;
  source_of_risk: string;
  immediate_protection: string;
  narrative: string;
  police_involved: Flag;
  police_reference: string | null;
  cqc_notification_required: Flag;
  cqc_notified_at: string | null;
  local_authority_id: number | null;
  referred_to_la_at: string | null;
  la_reference: string | null;
  la_decision: string | null;
  la_decision_at: string | null;
  caused_enquiry: Flag;
  caused_enquiry_requested_on: string | null;
  caused_enquiry_due_on: string | null;
  caused_enquiry_completed_on: string | null;
  safeguarding_plan: string | null;
  enquiry_outcome: string | null;
  enquiry_outcome_at: string | null;
  risk_outcome: string | null;
  msp_asked: string | null;
  msp_desired_outcomes: string | null;
  msp_achieved: string | null;
  lacked_capacity: string | null;
  advocate_involved: Flag | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}
export interface SafeguardingConcernCategoryTable { concern_id: number; category: string }
export interface SafeguardingConcernFactorTable { concern_id: number; factor: string }
export interface SafeguardingDecisionTable {
  id: Generated<number>;
  concern_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  kind: string;
  value: string | null;
  summary: string;
  reason: string | null;
}

export interface ComplaintTable {
  id: Generated<number>;
  ref: string | null;
  kind: string;
  service_id: number;
  person_id: number | null;
  received_at: string;
  raised_by: string;
  channel: string;
  subject: string;
  narrative: string;
  outcome: string | null;
  acknowledged_at: string | null;
  responded_at: string | null;
  response_summary: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface ComplaintThemeTable { complaint_id: number; theme: string }
// Links between records by source and id (see 0007_links); both ends are checked by the service, not by keys.
export interface RecordLinkTable {
  id: Generated<number>;
  from_source: string;
  from_id: number;
  to_source: string;
  to_id: number;
  relation: string;
  created_at: string;
  created_by_user_id: number | null;
  created_by_name: string;
}
export interface SettingTable { key: string; value: string; updated_at: string }

// Restrictions register (see 0006_restrictions): history rows are append-only; a blanket restriction has no person.
export interface RestrictionTable {
  id: Generated<number>;
  service_id: number;
  person_id: number | null;
  category: string;
  description: string;
  legal_basis: string;
  alternatives_considered: string;
  started_on: string;
  review_due_on: string;
  reduction_plan: string | null;
  reduction_target_on: string | null;
  status: string;
  ended_on: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface RestrictionHistoryTable {
  id: Generated<number>;
  restriction_id: number;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  field: string;
  from_value: string | null;
  to_value: string | null;
  reason: string;
}
export interface RestrictionChallengeTable {
  id: Generated<number>;
  kind: string;
  service_id: number;
  restriction_id: number | null;
  text: string;
  raised_by_user_id: number | null;
  raised_by_name: string;
  raised_at: string;
  status: string;
  outcome: string | null;
  response: string | null;
  responded_by_user_id: number | null;
  responded_by_name: string | null;
  responded_at: string | null;
}
export interface PracticeReviewTable {
  id: Generated<number>;
  kind: string;
  service_id: number;
  person_id: number;
  incident_id: number | null;
  held_on: string;
  person_took_part: Flag;
  family_took_part: Flag;
  advocate_took_part: Flag;
  staff_took_part: Flag;
  what_could_be_different: string;
  created_by_user_id: number | null;
  created_at: string;
}
export interface PracticeReviewStaffTable { review_id: number; staff_id: number }
export interface PracticeReviewAssessmentTable {
  review_id: number;
  restriction_id: number;
  is_necessary: Flag;
  is_proportionate: Flag;
  is_least_restrictive: Flag;
  note: string;
}
export interface PracticeReviewFactorTable { review_id: number; factor: string }
export interface PracticeReviewRecommendationTable { review_id: number; position: number; text: string }

export interface MonthlyCountTable { scope_type: string; scope_id: number; metric: string; period: string; value: number }
export interface RestrainedMonthTable { service_id: number; person_id: number; period: string }
export interface HoldLengthTable { scope_type: string; scope_id: number; period: string; minutes: number; episodes: number }
// Measure settings (see 0010_measure_settings): scope is `organisation`, `region:{id}`, `service:{id}` or `person:{id}`.
export interface MeasureTargetTable { measure_key: string; scope: string; target: number; set_by_user_id: number | null; set_by_name: string; set_at: string }
export interface MeasureAnnotationTable {
  id: Generated<number>;
  measure_key: string;
  scope: string;
  period: string;
  kind: string;
  label: string;
  link_kind: string | null;
  link_id: number | null;
  created_by_user_id: number | null;
  created_by_name: string;
  created_at: string;
}

// Learning (see 0011_learning): evidence and factors are shared by learning responses and lessons (owner_kind + owner_id).
export interface LearningResponseTable {
  id: Generated<number>;
  type: string;
  title: string;
  service_id: number | null;
  started_on: string;
  status: string;
  findings: string;
  person_took_part: Flag;
  family_took_part: Flag;
  advocate_took_part: Flag;
  staff_took_part: Flag;
  participant_names: string;
  created_by_user_id: number | null;
  created_by_name: string;
  created_at: string;
}
export interface LearningEvidenceTable {
  id: Generated<number>;
  owner_kind: string;
  owner_id: number;
  source: string;
  source_id: number | null;
  source_key: string | null;
}
export interface LearningFactorTable { owner_kind: string; owner_id: number; factor: string }
export interface LessonTable {
  id: Generated<number>;
  statement: string;
  scope_type: string;
  scope_id: number | null;
  service_id: number | null;
  learning_response_id: number | null;
  created_by_user_id: number | null;
  created_by_name: string;
  created_at: string;
}
export interface LessonShareTable {
  id: Generated<number>;
  lesson_id: number;
  service_id: number;
  shared_on: string;
  due_on: string;
  shared_by_user_id: number | null;
  shared_by_name: string;
  answered_at: string | null;
  applies: string | null;
  what_we_did: string | null;
  answered_by_user_id: number | null;
  answered_by_name: string | null;
  escalated_at: string | null;
}
export interface ActionTable {
  id: Generated<number>;
  lesson_id: number;
  type: string;
  description: string;
  service_id: number | null;
  person_id: number | null;
  owner_user_id: number | null;
  owner_staff_id: number | null;
  due_on: string;
  status: string;
  completion_evidence: string | null;
  completed_on: string | null;
  closed_on: string | null;
  closed_as: string | null;
  measure_key: string;
  scope_type: string;
  scope_id: number | null;
  action_date: string | null;
  review_on: string;
  verdict: string | null;
  verdict_explanation: string | null;
  evaluated_at: string | null;
  override_reason: string | null;
  override_by: string | null;
  escalated_at: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}
export interface PersonDocumentTable {
  id: Generated<number>;
  person_id: number;
  service_id: number;
  kind: string;
  version: number;
  in_force_from: string;
  review_on: string;
  summary: string;
  attachment_name: string | null;
  attachment_type: string | null;
  attachment_size: number | null;
  attachment: Buffer | null;
  author_user_id: number | null;
  author_name: string;
  changed_by_lesson_id: number | null;
  action_id: number | null;
  created_at: string;
}
export interface CourseTable { id: Generated<number>; title: string; description: string; validity_months: number | null; created_at: string }
export interface TrainingAssignmentTable {
  id: Generated<number>;
  course_id: number;
  staff_id: number;
  action_id: number | null;
  assigned_on: string;
  due_on: string | null;
  completed_on: string | null;
  expires_on: string | null;
  assigned_by_user_id: number | null;
}

export interface DB {
  organisation: OrganisationTable;
  regions: RegionTable;
  commissioners: CommissionerTable;
  services: ServiceTable;
  service_commissioners: ServiceCommissionerTable;
  people: PersonTable;
  staff: StaffTable;
  staff_services: StaffServiceTable;
  occupancy: OccupancyTable;
  users: UserTable;
  user_services: UserServiceTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_failures: SignInFailureTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  incidents: IncidentTable;
  incident_people: IncidentPersonTable;
  incident_staff: IncidentStaffTable;
  incident_codes: IncidentCodeTable;
  restrictive_interventions: RestrictiveInterventionTable;
  intervention_staff: InterventionStaffTable;
  incident_notes: IncidentNoteTable;
  complaints: ComplaintTable;
  complaint_themes: ComplaintThemeTable;
  settings: SettingTable;
  monthly_counts: MonthlyCountTable;
  restrained_months: RestrainedMonthTable;
  hold_lengths: HoldLengthTable;
  measure_targets: MeasureTargetTable;
  measure_annotations: MeasureAnnotationTable;
  speak_up_concerns: SpeakUpConcernTable;
  speak_up_messages: SpeakUpMessageTable;
  speak_up_themes: SpeakUpThemeTable;
  speak_up_categories: SpeakUpCategoryTable;
  safeguarding_timescales: SafeguardingTimescaleTable;
  safeguarding_concerns: SafeguardingConcernTable;
  safeguarding_concern_categories: SafeguardingConcernCategoryTable;
  safeguarding_concern_factors: SafeguardingConcernFactorTable;
  safeguarding_decisions: SafeguardingDecisionTable;
  restrictions: RestrictionTable;
  restriction_history: RestrictionHistoryTable;
  restriction_challenges: RestrictionChallengeTable;
  practice_reviews: PracticeReviewTable;
  practice_review_staff: PracticeReviewStaffTable;
  practice_review_assessments: PracticeReviewAssessmentTable;
  practice_review_factors: PracticeReviewFactorTable;
  practice_review_recommendations: PracticeReviewRecommendationTable;
  record_links: RecordLinkTable;
  learning_responses: LearningResponseTable;
  learning_evidence: LearningEvidenceTable;
  learning_factors: LearningFactorTable;
  lessons: LessonTable;
  lesson_shares: LessonShareTable;
  actions: ActionTable;
  person_documents: PersonDocumentTable;
  courses: CourseTable;
  training_assignments: TrainingAssignmentTable;
  patterns: PatternTable;
  pattern_services: PatternServiceTable;
  pattern_runs: PatternRunTable;
}

// Detected patterns (see 0013_patterns): identified by a stable key so a dismissal survives recomputes.
export interface PatternTable {
  id: Generated<number>;
  key: string;
  kind: string;
  scope_type: string;
  scope_id: number | null;
  title: string;
  summary: string;
  statistic: string;
  strength: number;
  evidence: string;
  service_count: number;
  status: string;
  is_current: Flag;
  dismissed_reason: string | null;
  dismissed_by_name: string | null;
  dismissed_at: string | null;
  first_found_at: string;
  last_found_at: string;
}
export interface PatternServiceTable { pattern_id: number; service_id: number }
export interface PatternRunTable {
  id: Generated<number>;
  reason: string;
  status: string;
  stage: string;
  progress: number;
  started_at: string;
  finished_at: string | null;
  found: number | null;
  error: string | null;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type ServiceRow = Selectable<ServiceTable>;
export type PersonRow = Selectable<PersonTable>;
export type PersonUpdateRow = Updateable<PersonTable>;
export type AuditRow = Selectable<AuditLogTable>;
