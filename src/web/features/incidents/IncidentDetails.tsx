import { Link } from 'react-router';
import type { Incident } from '../../../domain/incidents.js';
import { yesNo } from '../../../domain/words.js';
import { DateText } from '../../components/DateText.js';
import { SummaryList } from '../../components/SummaryList.js';
import { StatusTag } from './IncidentsList.js';
import {
  contributoryFactorLabel, interventionReasonLabel, interventionTypeLabel, physicalHarmLabels, psychologicalHarmLabels, settingEventLabel,
} from './labels.js';
import { formatDuration } from './time.js';

type Episode = Incident['restrictiveInterventions'][number];

const orNone = (text: string, none = 'Not recorded') => (text.trim() ? <span className="pre-wrap">{text}</span> : none);
const staffList = (staff: Incident['staff']) =>
  staff.length ? staff.map((s) => (s.employmentType === 'agency' ? `${s.name} (agency)` : s.name)).join(', ') : 'None named';

function injuries(e: Episode): string {
  const who = [e.injuryPerson && 'the person', e.injuryStaff && 'staff', e.injuryOthers && 'someone else'].filter(Boolean) as string[];
  return who.length ? `Yes: ${who.join(', ')}` : 'No one';
}

function debrief(held: boolean, reason: string | null): string {
  return held ? 'Yes' : `No${reason ? ` – ${reason}` : ''}`;
}

/** The facts of the incident, as recorded (with any corrections applied; the history shows what changed). */
export function IncidentDetails({ incident }: { incident: Incident }) {
  return (
    <>
      <SummaryList
        rows={[
          { key: 'Review', value: <StatusTag status={incident.status} /> },
          { key: 'When', value: <DateText value={incident.occurredAt} withTime /> },
          { key: 'Service', value: <Link to={`/services/${incident.serviceId}`}>{incident.serviceName}</Link> },
          {
            key: 'People involved',
            value: incident.people.length
              ? incident.people.map((p, i) => <span key={p.id}>{i > 0 && ', '}<Link to={`/people/${p.id}`}>{p.displayName}</Link></span>)
              : 'No one named',
          },
          { key: 'Where', value: orNone(incident.location) },
          { key: 'Physical harm', value: physicalHarmLabels[incident.harmPhysical] },
          { key: 'Psychological harm', value: psychologicalHarmLabels[incident.harmPsychological] },
          { key: 'Staff involved', value: staffList(incident.staff) },
          ...(incident.ref ? [{ key: 'Reference', value: incident.ref }] : []),
        ]}
      />
      <section className="section" aria-labelledby="abc-title">
        <h2 id="abc-title">What happened</h2>
        <SummaryList
          rows={[
            { key: 'Just before', value: orNone(incident.antecedent) },
            { key: 'What the person did', value: orNone(incident.behaviour) },
            { key: 'After', value: orNone(incident.consequence) },
            { key: 'Setting events', value: incident.settingEvents.length ? incident.settingEvents.map(settingEventLabel).join(', ') : 'None recorded' },
            { key: 'In the reporter’s words', value: orNone(incident.narrative) },
            {
              key: 'Contributory factors',
              value: incident.contributoryFactors.length ? incident.contributoryFactors.map(contributoryFactorLabel).join('; ') : 'Not yet recorded',
            },
          ]}
        />
      </section>
      <section className="section" aria-labelledby="episodes-title">
        <h2 id="episodes-title">Restrictive interventions ({incident.restrictiveInterventions.length})</h2>
        {incident.restrictiveInterventions.length === 0 && <p>None recorded.</p>}
        {incident.restrictiveInterventions.map((e, index) => (
          <div className="episode-summary" key={e.id}>
            <h3>{index + 1}. {interventionTypeLabel(e.typeCode)}, {formatDuration(e.durationMinutes)}</h3>
            <SummaryList
              rows={[
                { key: 'Type', value: `${interventionTypeLabel(e.typeCode)} (${e.typeLabel})` },
                ...(e.personId !== null ? [{ key: 'Person', value: incident.people.find((p) => p.id === e.personId)?.displayName ?? '—' }] : []),
                { key: 'Why', value: interventionReasonLabel(e.reasonCode) },
                { key: 'Started', value: <DateText value={e.startedAt} withTime /> },
                { key: 'Ended', value: <DateText value={e.endedAt} withTime /> },
                { key: 'Duration', value: formatDuration(e.durationMinutes) },
                { key: 'Planned in the behaviour support plan', value: yesNo(e.isPlanned) },
                { key: 'Tried first to calm things', value: orNone(e.deescalationTried) },
                { key: 'Staff who took part', value: staffList(e.staff) },
                { key: 'Injuries', value: injuries(e) },
                { key: 'Debrief with the person', value: debrief(e.debriefPerson, e.debriefPersonReason) },
                { key: 'Debrief with staff', value: debrief(e.debriefStaff, e.debriefStaffReason) },
              ]}
            />
          </div>
        ))}
      </section>
    </>
  );
}
