// Correcting one restrictive intervention: the form's answers, made from the episode as recorded, and what they change.
import { z } from 'zod';
import { interventionReasonCodes, interventionTypeCodes, type Incident } from '../../../domain/incidents.js';
import { toIsoDay } from '../../components/formatDate.js';
import { localToIso } from './time.js';

type Episode = Incident['restrictiveInterventions'][number];

const yesNo = z.enum(['yes', 'no'], { error: 'Choose yes or no' });
const date = z.iso.date('Enter a date');
const time = z.string().regex(/^\d{2}:\d{2}$/, 'Enter a time such as 18:42');

export const episodeForm = z.object({
  reason: z.string().trim().min(1, 'Say why the record is being corrected').max(2000),
  typeCode: z.enum(interventionTypeCodes, { error: 'Choose what was done' }),
  reasonCode: z.enum(interventionReasonCodes, { error: 'Choose why it was done' }),
  startDate: date, startTime: time, endDate: date, endTime: time,
  isPlanned: yesNo,
  deescalationTried: z.string().trim().max(2000),
  injuryPerson: z.boolean(), injuryStaff: z.boolean(), injuryOthers: z.boolean(),
  debriefPerson: yesNo, debriefPersonReason: z.string().trim().max(1000),
  debriefStaff: yesNo, debriefStaffReason: z.string().trim().max(1000),
  staffIds: z.array(z.number()).max(20),
});
export type EpisodeValues = z.output<typeof episodeForm>;
const two = (n: number) => String(n).padStart(2, '0');
const clockOf = (iso: string) => {
  const d = new Date(iso);
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
};
const yes = (b: boolean) => (b ? 'yes' : 'no');

/** The episode as the form shows it: dates and times on this device's clock, yes or no as words. */
export function recorded(e: Episode): Omit<EpisodeValues, 'reason'> {
  return {
    typeCode: e.typeCode, reasonCode: e.reasonCode,
    startDate: toIsoDay(new Date(e.startedAt)), startTime: clockOf(e.startedAt), endDate: toIsoDay(new Date(e.endedAt)), endTime: clockOf(e.endedAt),
    isPlanned: yes(e.isPlanned), deescalationTried: e.deescalationTried,
    injuryPerson: e.injuryPerson, injuryStaff: e.injuryStaff, injuryOthers: e.injuryOthers,
    debriefPerson: yes(e.debriefPerson), debriefPersonReason: e.debriefPersonReason ?? '',
    debriefStaff: yes(e.debriefStaff), debriefStaffReason: e.debriefStaffReason ?? '',
    staffIds: e.staff.map((s) => s.id),
  };
}

/** What the answers change, as the API's correction of one episode; times compare to the minute, as the form shows them. */
export function episodeChanges(e: Episode, v: Omit<EpisodeValues, 'reason'>): Record<string, unknown> {
  const was = recorded(e);
  const out: Record<string, unknown> = {};
  if (v.typeCode !== was.typeCode) out.typeCode = v.typeCode;
  if (v.reasonCode !== was.reasonCode) out.reasonCode = v.reasonCode;
  if (v.startDate !== was.startDate || v.startTime !== was.startTime) out.startedAt = localToIso(v.startDate, v.startTime);
  if (v.endDate !== was.endDate || v.endTime !== was.endTime) out.endedAt = localToIso(v.endDate, v.endTime);
  if (v.isPlanned !== was.isPlanned) out.isPlanned = v.isPlanned === 'yes';
  if (v.deescalationTried !== was.deescalationTried) out.deescalationTried = v.deescalationTried;
  for (const k of ['injuryPerson', 'injuryStaff', 'injuryOthers'] as const) if (v[k] !== was[k]) out[k] = v[k];
  for (const k of ['debriefPerson', 'debriefStaff'] as const) {
    const reason = `${k}Reason` as const;
    if (v[k] !== was[k]) out[k] = v[k] === 'yes';
    if (v[k] === 'no' && v[reason] !== was[reason]) out[reason] = v[reason] || null;
  }
  const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join();
  if (sorted(v.staffIds) !== sorted(was.staffIds)) out.staffIds = v.staffIds;
  return out;
}

