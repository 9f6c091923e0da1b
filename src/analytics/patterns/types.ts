// Pattern detection works on plain facts loaded once per run (see src/server/services/patterns.service.ts);
// detectors are pure functions from these facts to explainable findings, with no I/O.

export const patternKinds = [
  'time_hotspot', 'trigger', 'staffing_agency', 'staff_overrepresented', 'escalation', 'improvement',
  'cross_service_theme', 'cross_source_theme', 'blanket_restriction',
] as const;
export type PatternKind = (typeof patternKinds)[number];

/** Where a record came from. */
export const sources = ['incident', 'safeguarding_concern', 'complaint', 'speak_up', 'practice_review'] as const;
export type Source = (typeof sources)[number];

export interface InterventionFact {
  id: number;
  typeCode: string;
  personId: number | null;
  durationMinutes: number;
  staffIds: readonly number[];
}

export interface IncidentFact {
  id: number;
  ref: string | null;
  serviceId: number;
  personIds: readonly number[];
  /** Instant, ISO 8601 UTC. */
  occurredAt: string;
  /** Wall-clock in England: 0 = Sunday … 6 = Saturday, hour 0–23, month YYYY-MM. */
  dayOfWeek: number;
  hour: number;
  month: string;
  location: string;
  settingEvents: readonly string[];
  /** Contributory factor codes (YCFF). */
  factors: readonly string[];
  hasAgencyStaff: boolean;
  harmPhysical: string;
  harmPsychological: string;
  staffIds: readonly number[];
  interventions: readonly InterventionFact[];
}

/** Any record with free text, reduced to what theme detection needs. Incidents appear here too. */
export interface SourceRecord {
  source: Source;
  id: number;
  ref: string | null;
  /** Null for a speak-up report not tied to a service. */
  serviceId: number | null;
  personId: number | null;
  /** Local date YYYY-MM-DD (speak-up reports carry only the day). */
  date: string;
  month: string;
  /** Contributory factor codes recorded on it. */
  factors: readonly string[];
  /** Themes or categories people recorded on it (complaint themes, speak-up themes and categories). */
  labels: readonly string[];
  /** Lemmatised keyphrases from its free text (see src/analytics/themes). */
  phrases: readonly string[];
}

export interface RestrictionFact {
  id: number;
  serviceId: number;
  /** Null for a blanket (service-wide) restriction. */
  personId: number | null;
  category: string;
  description: string;
  startedOn: string;
  endedOn: string | null;
  status: string;
}

export interface PersonFact { id: number; ref: string; serviceId: number; startDate: string; endDate: string | null }
export interface ServiceFact { id: number; ref: string | null; name: string }
export interface StaffFact { id: number; ref: string | null; name: string; employmentType: string }

export interface PatternInput {
  /** The last day the facts cover (YYYY-MM-DD, England). */
  asOf: string;
  incidents: readonly IncidentFact[];
  records: readonly SourceRecord[];
  restrictions: readonly RestrictionFact[];
  people: readonly PersonFact[];
  services: readonly ServiceFact[];
  staff: readonly StaffFact[];
  /** Occupied days per service per month (YYYY-MM). */
  occupancy: readonly { serviceId: number; month: string; occupiedDays: number }[];
}

export type EvidenceKind = Source | 'restriction' | 'restrictive_intervention';

export interface Evidence {
  kind: EvidenceKind;
  id: number;
  ref?: string;
}

export interface PatternScope {
  type: 'organisation' | 'region' | 'service' | 'person' | 'staff';
  id: number | null;
}

export interface DetectedPattern {
  /** Stable across runs for the same finding (kind, scope and what it is about), so a dismissal sticks. */
  key: string;
  kind: PatternKind;
  scope: PatternScope;
  /** Services the finding draws on: used to decide who may see it. */
  serviceIds: readonly number[];
  title: string;
  /** Plain English: what was found, how strong, compared with what. */
  summary: string;
  statistic: { name: string; value: number; pValue?: number; ci95?: readonly [number, number] };
  /** 0–1; ranks findings across kinds (1 = as strong as it gets). */
  strength: number;
  /** The records behind it, most telling first (at most 50). */
  evidence: readonly Evidence[];
}

export type Detector = (input: PatternInput) => DetectedPattern[];
