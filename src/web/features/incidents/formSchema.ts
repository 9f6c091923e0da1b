import { z } from 'zod';
import { contributoryFactors } from '../../../domain/contributory-factors.js';
import {
  incidentInput, interventionReasonCodes, interventionTypeCodes, physicalHarmLevels, psychologicalHarmLevels, type IncidentInput,
} from '../../../domain/incidents.js';
import { todayIso } from '../../components/formatDate.js';
import { localToIso, minutesBetween, nextDay, timeNow } from './time.js';

/**
 * What the record form holds: answers as the inputs give them (a date and a time apart, yes/no as
 * text), checked here and turned into the API's `incidentInput`, which is then checked too.
 */
const yesNo = z.enum(['yes', 'no'], { error: 'Choose yes or no' });
const time = z.string().min(1, 'Enter the time').regex(/^\d{2}:\d{2}$/, 'Enter a time such as 18:42');

export const episodeValues = z.object({
  personId: z.string(),
  typeCode: z.enum(interventionTypeCodes, { error: 'Choose what was done' }),
  reasonCode: z.enum(interventionReasonCodes, { error: 'Choose why it was done' }),
  startTime: time,
  endTime: time,
  endsNextDay: z.boolean(),
  isPlanned: yesNo,
  deescalationTried: z.string().max(2000),
  staffIds: z.array(z.number()).max(20),
  injuryPerson: z.boolean(),
  injuryStaff: z.boolean(),
  injuryOthers: z.boolean(),
  debriefPerson: yesNo,
  debriefPersonReason: z.string().max(1000),
  debriefStaff: yesNo,
  debriefStaffReason: z.string().max(1000),
});

export const incidentFormValues = z.object({
  serviceId: z.string().min(1, 'Choose a service'),
  personIds: z.array(z.number()).max(20),
  occurredDate: z.iso.date('Enter a date'),
  occurredTime: time,
  location: z.string().max(200),
  antecedent: z.string().max(4000),
  behaviour: z.string().max(4000),
  consequence: z.string().max(4000),
  settingEvents: z.array(z.string()).max(20),
  harmPhysical: z.enum(physicalHarmLevels, { error: 'Choose the physical harm' }),
  harmPsychological: z.enum(psychologicalHarmLevels, { error: 'Choose the psychological harm' }),
  staffIds: z.array(z.number()).max(50),
  narrative: z.string().trim().min(1, 'Say what happened').max(10_000),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19),
  restrictiveInterventions: z.array(episodeValues).max(20),
});

export type EpisodeValues = z.input<typeof episodeValues>;
export type IncidentFormValues = z.input<typeof incidentFormValues>;

/** The answers as the form holds them while being filled in (anything may still be empty). */
export interface EpisodeDraft {
  personId: string;
  typeCode: string;
  reasonCode: string;
  startTime: string;
  endTime: string;
  endsNextDay: boolean;
  isPlanned: string;
  deescalationTried: string;
  staffIds: number[];
  injuryPerson: boolean;
  injuryStaff: boolean;
  injuryOthers: boolean;
  debriefPerson: string;
  debriefPersonReason: string;
  debriefStaff: string;
  debriefStaffReason: string;
}
export interface IncidentDraft {
  serviceId: string;
  personIds: number[];
  occurredDate: string;
  occurredTime: string;
  location: string;
  antecedent: string;
  behaviour: string;
  consequence: string;
  settingEvents: string[];
  harmPhysical: string;
  harmPsychological: string;
  staffIds: number[];
  narrative: string;
  contributoryFactors: string[];
  restrictiveInterventions: EpisodeDraft[];
}

export function emptyEpisode(startTime = ''): EpisodeDraft {
  return {
    personId: '', typeCode: '', reasonCode: '', startTime, endTime: '', endsNextDay: false, isPlanned: '', deescalationTried: '',
    staffIds: [], injuryPerson: false, injuryStaff: false, injuryOthers: false,
    debriefPerson: '', debriefPersonReason: '', debriefStaff: '', debriefStaffReason: '',
  };
}

export function emptyIncident(serviceId: number | undefined, now = new Date()): IncidentDraft {
  return {
    serviceId: serviceId === undefined ? '' : String(serviceId), personIds: [], occurredDate: todayIso(now), occurredTime: timeNow(now),
    location: '', antecedent: '', behaviour: '', consequence: '', settingEvents: [], harmPhysical: '', harmPsychological: '',
    staffIds: [], narrative: '', contributoryFactors: [], restrictiveInterventions: [],
  };
}

type Values = z.output<typeof incidentFormValues>;

/** The episode's start and end as ISO instants: on the incident's day, the end perhaps on the next. */
function episodeTimes(values: Values, e: Values['restrictiveInterventions'][number]) {
  return {
    startedAt: localToIso(values.occurredDate, e.startTime),
    endedAt: localToIso(e.endsNextDay ? nextDay(values.occurredDate) : values.occurredDate, e.endTime),
  };
}

/** Checks across answers that the shared schema cannot make on the form's own fields. */
function crossChecks(values: Values, ctx: z.RefinementCtx) {
  const now = Date.now();
  if (Date.parse(localToIso(values.occurredDate, values.occurredTime)) > now + 60_000) {
    // A date after today is the date's mistake; today's date with a later time, the time's.
    const isLaterDay = values.occurredDate > todayIso(new Date(now));
    ctx.addIssue({ code: 'custom', path: [isLaterDay ? 'occurredDate' : 'occurredTime'], message: 'This is in the future' });
  }
  if (values.restrictiveInterventions.length && !values.personIds.length) {
    ctx.addIssue({ code: 'custom', path: ['personIds'], message: 'A restrictive intervention is always on someone: tick the person who was restricted' });
  }
  values.restrictiveInterventions.forEach((e, i) => {
    const at = (field: string) => ['restrictiveInterventions', i, field];
    if (values.personIds.length > 1 && !values.personIds.includes(Number(e.personId))) {
      ctx.addIssue({ code: 'custom', path: at('personId'), message: 'Choose who was restricted' });
    }
    const minutes = minutesBetween(values.occurredDate, e.startTime, e.endTime, e.endsNextDay);
    if (minutes !== null && minutes < 0) {
      ctx.addIssue({ code: 'custom', path: at('endTime'), message: 'The end is before the start. If it ended after midnight, tick “Ended the next day”' });
    } else if (Date.parse(episodeTimes(values, e).endedAt) > now + 60_000) {
      ctx.addIssue({ code: 'custom', path: at('endTime'), message: 'This is in the future' });
    }
    if (e.debriefPerson === 'no' && !e.debriefPersonReason.trim()) {
      ctx.addIssue({ code: 'custom', path: at('debriefPersonReason'), message: 'Say why no debrief was held with the person' });
    }
    if (e.debriefStaff === 'no' && !e.debriefStaffReason.trim()) {
      ctx.addIssue({ code: 'custom', path: at('debriefStaffReason'), message: 'Say why no debrief was held with staff' });
    }
  });
}

/** The form's answers as the body the API expects (checked by the shared schema next). */
export function toIncidentBody(values: Values): z.input<typeof incidentInput> {
  const onlyPerson = values.personIds.length === 1 ? values.personIds[0] : undefined;
  return {
    serviceId: Number(values.serviceId),
    personIds: values.personIds,
    occurredAt: localToIso(values.occurredDate, values.occurredTime),
    location: values.location,
    antecedent: values.antecedent,
    behaviour: values.behaviour,
    consequence: values.consequence,
    settingEvents: values.settingEvents,
    harmPhysical: values.harmPhysical,
    harmPsychological: values.harmPsychological,
    narrative: values.narrative,
    staffIds: values.staffIds,
    contributoryFactors: values.contributoryFactors,
    restrictiveInterventions: values.restrictiveInterventions.map((e) => {
      const personId = e.personId ? Number(e.personId) : onlyPerson;
      return {
        ...(personId !== undefined && values.personIds.includes(personId) ? { personId } : {}),
        typeCode: e.typeCode,
        reasonCode: e.reasonCode,
        ...episodeTimes(values, e),
        isPlanned: e.isPlanned === 'yes',
        deescalationTried: e.deescalationTried,
        staffIds: e.staffIds,
        injuryPerson: e.injuryPerson,
        injuryStaff: e.injuryStaff,
        injuryOthers: e.injuryOthers,
        debriefPerson: e.debriefPerson === 'yes',
        ...(e.debriefPerson === 'no' ? { debriefPersonReason: e.debriefPersonReason } : {}),
        debriefStaff: e.debriefStaff === 'yes',
        ...(e.debriefStaff === 'no' ? { debriefStaffReason: e.debriefStaffReason } : {}),
      };
    }),
  };
}

/** The schema the form's resolver uses: checks the answers, then gives the API body. */
export const incidentForm = incidentFormValues.superRefine(crossChecks).transform((values, ctx): IncidentInput => {
  const parsed = incidentInput.safeParse(toIncidentBody(values));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: formPathOf(issue.path.join('.')).split('.'), message: issue.message });
  }
  return z.NEVER;
});

/** Where a server error about `errors[].path` belongs on this form. */
export function formPathOf(serverPath: string): string {
  const parts = serverPath.split('.');
  if (parts[0] === 'occurredAt') return 'occurredTime';
  if ((parts[0] === 'personIds' || parts[0] === 'staffIds' || parts[0] === 'settingEvents' || parts[0] === 'contributoryFactors') && parts.length > 1) return parts[0];
  if (parts[0] === 'restrictiveInterventions' && parts.length >= 3) {
    const [, index, field] = parts;
    const name = field === 'startedAt' ? 'startTime' : field === 'endedAt' ? 'endTime' : field;
    return `restrictiveInterventions.${index}.${name ?? ''}`;
  }
  return parts.length > 1 && parts[0] === 'restrictiveInterventions' ? 'restrictiveInterventions' : serverPath;
}

/** The form's fields in screen order (for the error summary), given how many episodes there are. */
export function fieldOrder(episodes: number): string[] {
  const top = ['serviceId', 'personIds', 'occurredDate', 'occurredTime', 'location', 'antecedent', 'behaviour', 'consequence', 'settingEvents', 'harmPhysical', 'harmPsychological', 'staffIds', 'narrative'];
  const episodeFields = ['personId', 'typeCode', 'reasonCode', 'startTime', 'endTime', 'isPlanned', 'deescalationTried', 'staffIds', 'debriefPerson', 'debriefPersonReason', 'debriefStaff', 'debriefStaffReason'];
  const rest: string[] = [];
  for (let i = 0; i < episodes; i++) rest.push(...episodeFields.map((f) => `restrictiveInterventions.${i}.${f}`));
  return [...top, ...rest, 'restrictiveInterventions', 'contributoryFactors'];
}
