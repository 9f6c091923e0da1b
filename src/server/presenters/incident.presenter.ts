import { fromFlag } from '../../db/connection.js';
import type { ContributoryFactor } from '../../domain/contributory-factors.js';
import {
  interventionTypes, type Incident, type InterventionReasonCode, type InterventionTypeCode, type PhysicalHarm, type PsychologicalHarm,
} from '../../domain/incidents.js';
import type { IncidentAggregate } from '../repositories/incidents.repository.js';

type NoteKind = Incident['notes'][number]['kind'];
type Status = Incident['status'];

/** The full incident for those allowed to read it: every field named here, nothing else. */
export function presentIncident(a: IncidentAggregate): Incident {
  const i = a.incident;
  const staffOf = (interventionId: number) => a.interventionStaff
    .filter((s) => s.intervention_id === interventionId)
    .map((s) => ({ id: s.id, name: s.name, employmentType: s.employment_type }));
  return {
    id: i.id, ref: i.ref, serviceId: i.service_id, serviceName: i.service_name,
    people: a.people.map((p) => ({ id: p.id, displayName: p.display_name })),
    occurredAt: i.occurred_at, reportedAt: i.reported_at, reportedBy: i.reported_by ?? null,
    location: i.location, antecedent: i.antecedent, behaviour: i.behaviour, consequence: i.consequence,
    settingEvents: a.codes.filter((c) => c.kind === 'setting_event').map((c) => c.code),
    harmPhysical: i.harm_physical as PhysicalHarm, harmPsychological: i.harm_psychological as PsychologicalHarm,
    narrative: i.narrative,
    staff: a.staff.map((s) => ({ id: s.id, name: s.name, employmentType: s.employment_type })),
    isAgencyInvolved: fromFlag(i.has_agency_staff),
    contributoryFactors: a.codes.filter((c) => c.kind === 'factor').map((c) => c.code as ContributoryFactor),
    status: i.status as Status,
    restrictiveInterventions: a.interventions.map((r) => ({
      id: r.id, personId: r.person_id, typeCode: r.type_code as InterventionTypeCode,
      typeLabel: interventionTypes[r.type_code as InterventionTypeCode].label, reasonCode: r.reason_code as InterventionReasonCode,
      startedAt: r.started_at, endedAt: r.ended_at, durationMinutes: r.duration_minutes, isPlanned: fromFlag(r.is_planned),
      deescalationTried: r.deescalation_tried, staff: staffOf(r.id),
      injuryPerson: fromFlag(r.injury_person), injuryStaff: fromFlag(r.injury_staff), injuryOthers: fromFlag(r.injury_others),
      debriefPerson: fromFlag(r.debrief_person), debriefPersonReason: r.debrief_person_reason,
      debriefStaff: fromFlag(r.debrief_staff), debriefStaffReason: r.debrief_staff_reason,
    })),
    notes: a.notes.map((n) => ({
      id: n.id, kind: n.kind as NoteKind, authorName: n.author_name, createdAt: n.created_at, text: n.text,
      changes: n.changes ? (JSON.parse(n.changes) as Record<string, { from: unknown; to: unknown }>) : null,
    })),
  };
}
