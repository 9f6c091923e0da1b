import type { ContributoryFactor } from '../../../domain/contributory-factors.js';
import { joinWords, upperFirst } from '../../../domain/words.js';
import { contributoryFactorLabels } from '../../../domain/contributory-factors.js';
import {
  interventionReasons, interventionTypes, type Incident, type InterventionReasonCode, type InterventionTypeCode, type PhysicalHarm, type PsychologicalHarm,
} from '../../../domain/incidents.js';

/** Plain words for each kind of restrictive intervention (the MHSDS name is kept for the record). */
export const interventionTypePlain: Record<InterventionTypeCode, string> = {
  '07': 'Held while standing',
  '11': 'Held while seated',
  '10': 'Held on their side',
  '09': 'Held face up (supine)',
  '01': 'Held face down (prone)',
  '12': 'Held while kneeling',
  '08': 'Held to move them (restrictive escort)',
  '13': 'Other physical holding',
  '16': 'Medicine by mouth to calm them (oral)',
  '14': 'Injection – rapid tranquillisation',
  '15': 'Injection – not rapid tranquillisation',
  '17': 'Other medicine to calm them',
  '04': 'Mechanical restraint (belt, cuffs or splints)',
  '05': 'Seclusion (alone in a room they could not leave)',
  '06': 'Segregation (kept apart from others)',
};

export const interventionTypeGroups: readonly { label: string; codes: readonly InterventionTypeCode[] }[] = [
  { label: 'Physical – holding the person', codes: ['07', '11', '10', '09', '01', '12', '08', '13'] },
  { label: 'Chemical – medicine to calm', codes: ['16', '14', '15', '17'] },
  { label: 'Mechanical', codes: ['04'] },
  { label: 'Isolation', codes: ['05', '06'] },
];

export const interventionTypeLabel = (code: InterventionTypeCode): string => interventionTypePlain[code] ?? interventionTypes[code].label;
export const interventionReasonLabel = (code: InterventionReasonCode): string => interventionReasons[code];

export const physicalHarmLabels: Record<PhysicalHarm, string> = {
  none: 'None – no injury',
  low: 'Low – minor injury, first aid or a little extra care',
  moderate: 'Moderate – needed medical treatment, not permanent',
  severe: 'Severe – permanent or long-term harm',
  fatal: 'The person died',
};
export const physicalHarmShort: Record<PhysicalHarm, string> = {
  none: 'No physical harm', low: 'Low physical harm', moderate: 'Moderate physical harm', severe: 'Severe physical harm', fatal: 'Death',
};

export const psychologicalHarmLabels: Record<PsychologicalHarm, string> = {
  none: 'None – no lasting distress',
  low: 'Low – upset that passed within the day',
  moderate: 'Moderate – distress lasting days, needing extra support',
  severe: 'Severe – lasting distress or trauma',
};
export const psychologicalHarmShort: Record<PsychologicalHarm, string> = {
  none: 'No psychological harm', low: 'Low psychological harm', moderate: 'Moderate psychological harm', severe: 'Severe psychological harm',
};

/** An incident's harm in a few words: "No harm", or "Low physical harm; No psychological harm". */
export function harmSummary(physical: string, psychological: string): string {
  if (physical === 'none' && psychological === 'none') return 'No harm';
  const physicalText = physicalHarmShort[physical as PhysicalHarm] ?? physical;
  const psychologicalText = psychologicalHarmShort[psychological as PsychologicalHarm] ?? psychological;
  return `${physicalText}; ${psychologicalText}`;
}

const settingEventWords: Record<string, string> = {
  poor_sleep: 'Poor sleep',
  pain: 'Pain',
  illness: 'Illness',
  routine_change: 'Change to routine',
  noise: 'Noise',
  hunger: 'Hunger or thirst',
  medication_change: 'Medication change',
  staff_change: 'Staff change',
  heat: 'Heat',
  family_contact: 'Family contact',
};
/** A setting event code in words (a provider's own codes are shown tidied up). */
export function settingEventLabel(code: string): string {
  const words = settingEventWords[code];
  if (words) return words;
  const text = code.replace(/_/g, ' ');
  return upperFirst(text);
}

export const contributoryFactorLabel = (code: ContributoryFactor): string => contributoryFactorLabels[code];

export const statusLabels: Record<string, string> = {
  submitted: 'Waiting for review',
  correction_requested: 'Correction asked for',
  reviewed: 'Reviewed',
};
export const statusTagClass: Record<string, string> = {
  submitted: 'tag incident-tag--waiting',
  correction_requested: 'tag incident-tag--correction',
  reviewed: 'tag incident-tag--reviewed',
};

export const noteKindLabels: Record<string, string> = {
  addendum: 'Information added',
  correction: 'Correction',
  correction_request: 'Correction asked for',
  review: 'Marked reviewed',
};

/** Names of the facts a correction can change, for the history. */
export const correctableFieldLabels: Record<string, string> = {
  occurredAt: 'When it happened',
  location: 'Where',
  antecedent: 'What happened before',
  behaviour: 'What the person did',
  consequence: 'What happened after',
  harmPhysical: 'Physical harm',
  harmPsychological: 'Psychological harm',
  narrative: 'What happened, in full',
  staffIds: 'Staff involved',
  contributoryFactors: 'Contributory factors',
  settingEvents: 'Setting events',
};

/** A restrictive intervention's answers, as its correction in the history names them. */
export const episodeFieldLabels: Record<string, string> = {
  typeCode: 'What was done', reasonCode: 'Why it was done', startedAt: 'Start', endedAt: 'End', isPlanned: 'Planned in the behaviour support plan',
  deescalationTried: 'What was tried first', injuryPerson: 'Injury to the person', injuryStaff: 'Injury to staff', injuryOthers: 'Injury to someone else',
  debriefPerson: 'Debrief with the person', debriefPersonReason: 'Why no debrief with the person', debriefStaff: 'Debrief with staff',
  debriefStaffReason: 'Why no debrief with staff', staffIds: 'Staff who took part',
};

/**
 * Why an incident may need a safeguarding concern, in words for the prompt beside it: moderate or worse harm, prone
 * restraint, or an injury to the person. Null when nothing stands out (a concern can still be raised).
 */
export function safeguardingPrompt(incident: Pick<Incident, 'harmPhysical' | 'harmPsychological' | 'restrictiveInterventions'>): string | null {
  const reasons: string[] = [];
  if (['moderate', 'severe', 'fatal'].includes(incident.harmPhysical) || ['moderate', 'severe'].includes(incident.harmPsychological)) reasons.push('moderate or worse harm');
  if (incident.restrictiveInterventions.some((e) => e.typeCode === '01')) reasons.push('prone restraint');
  if (incident.restrictiveInterventions.some((e) => e.injuryPerson)) reasons.push('an injury to the person');
  if (!reasons.length) return null;
  return `This incident involved ${joinWords(reasons)}.`;
}
