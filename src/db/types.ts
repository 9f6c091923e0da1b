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
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type ServiceRow = Selectable<ServiceTable>;
export type PersonRow = Selectable<PersonTable>;
export type PersonUpdateRow = Updateable<PersonTable>;
export type AuditRow = Selectable<AuditLogTable>;
