import { describe, expect, it } from 'vitest';
import { todayIso } from '../../components/formatDate.js';
import { emptyEpisode, emptyIncident, fieldOrder, formPathOf, incidentForm, type IncidentDraft } from './formSchema.js';

// Dates in the past, so the "in the future" checks never fire.

function filled(): IncidentDraft {
  const values = emptyIncident(3, new Date(2025, 0, 15, 18, 42));
  return {
    ...values, personIds: [7], harmPhysical: 'none', harmPsychological: 'low', narrative: 'Threw a cup.', occurredTime: '10:00',
    restrictiveInterventions: [{
      ...emptyEpisode('10:05'), typeCode: '07', reasonCode: '10', endTime: '10:12', isPlanned: 'no', debriefPerson: 'yes', debriefStaff: 'no', debriefStaffReason: 'Shift ended',
    }],
  };
}

describe('the record-an-incident form', () => {
  it('turns the answers into the API body, with local times and the only person on each episode', async () => {
    const result = await incidentForm.safeParseAsync(filled());
    expect(result.success).toBe(true);
    const body = result.data!;
    expect(body.serviceId).toBe(3);
    expect(body.occurredAt).toMatch(/^2025-01-15T10:00:00[+-]\d{2}:\d{2}$/);
    const [episode] = body.restrictiveInterventions;
    expect(episode).toMatchObject({ personId: 7, typeCode: '07', isPlanned: false, debriefPerson: true, debriefStaff: false, debriefStaffReason: 'Shift ended' });
    expect(episode!.debriefPersonReason).toBeUndefined();
    expect(Date.parse(episode!.endedAt) - Date.parse(episode!.startedAt)).toBe(7 * 60_000);
  });

  it('puts an end before the start, and a missing reason, on their fields', async () => {
    const values = filled();
    values.restrictiveInterventions[0] = { ...values.restrictiveInterventions[0]!, endTime: '09:55', debriefStaffReason: ' ' };
    const result = await incidentForm.safeParseAsync(values);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['restrictiveInterventions.0.endTime', 'restrictiveInterventions.0.debriefStaffReason']);
  });

  it('ends an episode on the next day when asked', async () => {
    const values = filled();
    values.occurredDate = '2025-01-10';
    values.occurredTime = '23:50';
    values.restrictiveInterventions[0] = { ...values.restrictiveInterventions[0]!, startTime: '23:55', endTime: '00:10', endsNextDay: true };
    const result = await incidentForm.safeParseAsync(values);
    expect(result.success).toBe(true);
    const [episode] = result.data!.restrictiveInterventions;
    expect(Date.parse(episode!.endedAt) - Date.parse(episode!.startedAt)).toBe(15 * 60_000);
  });

  it('puts a future day on the date, and a later time today on the time', async () => {
    const tomorrow = filled();
    tomorrow.occurredDate = todayIso(new Date(Date.now() + 2 * 86_400_000));
    tomorrow.restrictiveInterventions = [];
    expect((await incidentForm.safeParseAsync(tomorrow)).error!.issues.map((i) => i.path.join('.'))).toEqual(['occurredDate']);
    const later = filled();
    later.occurredDate = todayIso();
    later.occurredTime = '23:59';
    later.restrictiveInterventions = [];
    const result = await incidentForm.safeParseAsync(later);
    // Late in the evening 23:59 may already have passed: then there is nothing wrong.
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toEqual(['occurredTime']);
  });

  it('asks who was restricted when two people were involved, and for a person when none was ticked', async () => {
    const two = filled();
    two.personIds = [7, 8];
    expect((await incidentForm.safeParseAsync(two)).error!.issues.map((i) => i.path.join('.'))).toEqual(['restrictiveInterventions.0.personId']);
    two.restrictiveInterventions[0]!.personId = '8';
    expect((await incidentForm.safeParseAsync(two)).data!.restrictiveInterventions[0]!.personId).toBe(8);
    const nobody = filled();
    nobody.personIds = [];
    expect((await incidentForm.safeParseAsync(nobody)).error!.issues.map((i) => i.path.join('.'))).toEqual(['personIds']);
  });

  it('places the server’s error paths on the form’s fields', () => {
    expect(formPathOf('restrictiveInterventions.1.endedAt')).toBe('restrictiveInterventions.1.endTime');
    expect(formPathOf('restrictiveInterventions.0.startedAt')).toBe('restrictiveInterventions.0.startTime');
    expect(formPathOf('restrictiveInterventions.0.staffIds.2')).toBe('restrictiveInterventions.0.staffIds');
    expect(formPathOf('restrictiveInterventions.0.debriefPersonReason')).toBe('restrictiveInterventions.0.debriefPersonReason');
    expect(formPathOf('personIds.0')).toBe('personIds');
    expect(formPathOf('occurredAt')).toBe('occurredTime');
    expect(fieldOrder(2)).toContain('restrictiveInterventions.1.endTime');
  });
});
