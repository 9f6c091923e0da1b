import { z } from 'zod';
import { contributoryFactors } from './contributory-factors.js';
import { id, isoInstant, nonEmptyText } from './common.js';

/** MHSDS RestrictiveIntType codes (DOMAIN.md §1.2): 01 and 04–17; 02 and 03 are unused. */
export const interventionTypes = {
  '01': { label: 'Physical restraint – prone', group: 'physical' },
  '04': { label: 'Mechanical restraint', group: 'mechanical' },
  '05': { label: 'Seclusion', group: 'isolation' },
  '06': { label: 'Segregation', group: 'isolation' },
  '07': { label: 'Physical restraint – standing', group: 'physical' },
  '08': { label: 'Physical restraint – restrictive escort', group: 'physical' },
  '09': { label: 'Physical restraint – supine', group: 'physical' },
  '10': { label: 'Physical restraint – side', group: 'physical' },
  '11': { label: 'Physical restraint – seated', group: 'physical' },
  '12': { label: 'Physical restraint – kneeling', group: 'physical' },
  '13': { label: 'Physical restraint – other', group: 'physical' },
  '14': { label: 'Chemical restraint – injection (rapid tranquillisation)', group: 'chemical' },
  '15': { label: 'Chemical restraint – injection (not rapid tranquillisation)', group: 'chemical' },
  '16': { label: 'Chemical restraint – oral', group: 'chemical' },
  '17': { label: 'Chemical restraint – other', group: 'chemical' },
} as const;
export type InterventionTypeCode = keyof typeof interventionTypes;
export const interventionTypeCodes = Object.keys(interventionTypes).sort() as [InterventionTypeCode, ...InterventionTypeCode[]];
export const PRONE_RESTRAINT: InterventionTypeCode = '01';

/** MHSDS RestrictiveIntReason codes (DOMAIN.md §1.4). */
export const interventionReasons = {
  '10': 'Prevent violence to others',
  '11': 'Prevent serious intentional self-harm',
  '12': 'Prevent serious accidental self-injury',
  '13': 'Lawfully give medicines or other medical treatment',
  '14': 'Enable personal care',
  '15': 'Enable nasogastric (NG) feeding',
  '16': 'Prevent extreme and prolonged over-activity',
  '17': 'Prevent other dangerous behaviour',
  '18': 'Search clothing or property for the safety of others',
  '19': 'Prevent absconding from lawful custody',
  '98': 'Other (not listed)',
  '99': 'Not known / not recorded',
} as const;
export type InterventionReasonCode = keyof typeof interventionReasons;
export const interventionReasonCodes = Object.keys(interventionReasons) as [InterventionReasonCode, ...InterventionReasonCode[]];

/** Physical harm, LFPSE levels (DOMAIN.md §3.3); imports also accept the LFPSE codes 5…1. */
export const physicalHarmLevels = ['none', 'low', 'moderate', 'severe', 'fatal'] as const;
export type PhysicalHarm = (typeof physicalHarmLevels)[number];
export const lfpseHarmCode: Record<string, PhysicalHarm> = { '5': 'none', '4': 'low', '3': 'moderate', '2': 'severe', '1': 'fatal' };
export const psychologicalHarmLevels = ['none', 'low', 'moderate', 'severe'] as const;
export type PsychologicalHarm = (typeof psychologicalHarmLevels)[number];

/** Default setting events (DOMAIN.md §6); a provider may add its own. */
export const defaultSettingEvents = [
  'poor_sleep', 'pain', 'illness', 'routine_change', 'noise', 'hunger', 'medication_change', 'staff_change', 'heat', 'family_contact',
] as const;
const settingEventCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use a setting event code such as poor_sleep');

const isoDateTime = isoInstant('Use a date and time such as 2026-11-26T18:30:00Z');

export const interventionInput = z.strictObject({
  personId: id.optional(),
  typeCode: z.enum(interventionTypeCodes),
  reasonCode: z.enum(interventionReasonCodes),
  startedAt: isoDateTime,
  endedAt: isoDateTime,
  isPlanned: z.boolean(),
  deescalationTried: z.string().trim().max(2000).default(''),
  staffIds: z.array(id).max(20).default([]),
  injuryPerson: z.boolean().default(false),
  injuryStaff: z.boolean().default(false),
  injuryOthers: z.boolean().default(false),
  debriefPerson: z.boolean(),
  debriefPersonReason: z.string().trim().max(1000).optional(),
  debriefStaff: z.boolean(),
  debriefStaffReason: z.string().trim().max(1000).optional(),
});
export type InterventionInput = z.infer<typeof interventionInput>;

export const incidentInput = z.strictObject({
  ref: z.string().trim().min(1).max(60).optional(),
  serviceId: id,
  personIds: z.array(id).max(20).default([]),
  occurredAt: isoDateTime,
  location: z.string().trim().max(200).default(''),
  antecedent: z.string().trim().max(4000).default(''),
  behaviour: z.string().trim().max(4000).default(''),
  consequence: z.string().trim().max(4000).default(''),
  settingEvents: z.array(settingEventCode).max(20).default([]),
  harmPhysical: z.enum(physicalHarmLevels),
  harmPsychological: z.enum(psychologicalHarmLevels),
  narrative: nonEmptyText(10_000),
  staffIds: z.array(id).max(50).default([]),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).default([]),
  restrictiveInterventions: z.array(interventionInput).max(20).default([]),
});
export type IncidentInput = z.infer<typeof incidentInput>;

export const incidentStatuses = ['submitted', 'correction_requested', 'reviewed'] as const;

export const interventionSchema = z.object({
  id: z.number(),
  personId: z.number().nullable(),
  typeCode: z.enum(interventionTypeCodes),
  typeLabel: z.string(),
  reasonCode: z.enum(interventionReasonCodes),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMinutes: z.number(),
  isPlanned: z.boolean(),
  deescalationTried: z.string(),
  staff: z.array(z.object({ id: z.number(), name: z.string(), employmentType: z.string() })),
  injuryPerson: z.boolean(),
  injuryStaff: z.boolean(),
  injuryOthers: z.boolean(),
  debriefPerson: z.boolean(),
  debriefPersonReason: z.string().nullable(),
  debriefStaff: z.boolean(),
  debriefStaffReason: z.string().nullable(),
});

export const incidentNoteSchema = z.object({
  id: z.number(),
  kind: z.enum(['addendum', 'correction', 'correction_request', 'review']),
  authorName: z.string(),
  createdAt: z.string(),
  text: z.string(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
});

export const incidentSchema = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  serviceId: z.number(),
  serviceName: z.string(),
  people: z.array(z.object({ id: z.number(), displayName: z.string() })),
  occurredAt: z.string(),
  reportedAt: z.string(),
  reportedBy: z.string().nullable(),
  location: z.string(),
  antecedent: z.string(),
  behaviour: z.string(),
  consequence: z.string(),
  settingEvents: z.array(z.string()),
  harmPhysical: z.enum(physicalHarmLevels),
  harmPsychological: z.enum(psychologicalHarmLevels),
  narrative: z.string(),
  staff: z.array(z.object({ id: z.number(), name: z.string(), employmentType: z.string() })),
  isAgencyInvolved: z.boolean(),
  contributoryFactors: z.array(z.enum(contributoryFactors)),
  status: z.enum(incidentStatuses),
  restrictiveInterventions: z.array(interventionSchema),
  notes: z.array(incidentNoteSchema),
});
export type Incident = z.infer<typeof incidentSchema>;

/** A correction changes recorded facts; the original stays visible in the history. */
/** What a correction may change in a restrictive intervention episode, named by its id. */
export const interventionCorrection = z.strictObject({
  id,
  typeCode: z.enum(interventionTypeCodes).optional(),
  reasonCode: z.enum(interventionReasonCodes).optional(),
  startedAt: isoDateTime.optional(),
  endedAt: isoDateTime.optional(),
  isPlanned: z.boolean().optional(),
  deescalationTried: z.string().trim().max(2000).optional(),
  /** Everyone who took part, replacing the list recorded. */
  staffIds: z.array(id).max(20).optional(),
  injuryPerson: z.boolean().optional(),
  injuryStaff: z.boolean().optional(),
  injuryOthers: z.boolean().optional(),
  debriefPerson: z.boolean().optional(),
  debriefPersonReason: z.string().trim().max(1000).nullable().optional(),
  debriefStaff: z.boolean().optional(),
  debriefStaffReason: z.string().trim().max(1000).nullable().optional(),
});
export type InterventionCorrection = z.infer<typeof interventionCorrection>;

export const incidentCorrection = z.strictObject({
  reason: nonEmptyText(2000),
  changes: z.strictObject({
    occurredAt: isoDateTime.optional(),
    location: z.string().trim().max(200).optional(),
    antecedent: z.string().trim().max(4000).optional(),
    behaviour: z.string().trim().max(4000).optional(),
    consequence: z.string().trim().max(4000).optional(),
    harmPhysical: z.enum(physicalHarmLevels).optional(),
    harmPsychological: z.enum(psychologicalHarmLevels).optional(),
    narrative: nonEmptyText(10_000).optional(),
    contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).optional(),
    settingEvents: z.array(settingEventCode).max(20).optional(),
    /** Everyone involved, replacing the list recorded. */
    staffIds: z.array(id).max(50).optional(),
    /** Corrections to the incident's episodes: each names its id and only what changes. */
    restrictiveInterventions: z.array(interventionCorrection).max(20).optional(),
  }).refine((c) => Object.keys(c).length > 0, 'Name at least one change'),
});
export const incidentReview = z.strictObject({
  decision: z.enum(['reviewed', 'correction_requested']),
  comment: z.string().trim().max(4000).default(''),
}).refine((r) => r.decision !== 'correction_requested' || r.comment.length > 0, { message: 'Say what needs correcting', path: ['comment'] });
export const incidentAddendum = z.strictObject({ text: nonEmptyText(4000) });

/** Minutes between two instants, rounded to the nearest minute. */
export function durationMinutes(startedAt: string, endedAt: string): number {
  return minutesOf(Date.parse(endedAt) - Date.parse(startedAt));
}

/** A length in milliseconds as the whole minutes an episode's duration is recorded in (to the nearest). */
export const minutesOf = (ms: number): number => Math.round(ms / 60_000);
