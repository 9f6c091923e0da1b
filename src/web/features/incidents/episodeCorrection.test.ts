import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../domain/incidents.js';
import { staffChoices } from './api.js';
import { episodeChanges, recorded } from './episodeCorrection.js';

const episode = {
  id: 7, personId: 3, typeCode: '11', typeLabel: 'Physical restraint – seated', reasonCode: '10', startedAt: '2026-05-12T17:45:00.000Z', endedAt: '2026-05-12T17:50:00.000Z',
  durationMinutes: 5, isPlanned: true, deescalationTried: 'Offered a walk', staff: [], injuryPerson: false, injuryStaff: false, injuryOthers: false,
  debriefPerson: true, debriefPersonReason: null, debriefStaff: false, debriefStaffReason: 'Shift ended',
} as Incident['restrictiveInterventions'][number];

describe('correcting a restrictive intervention', () => {
  it('changes nothing when the answers are as recorded', () => {
    expect(episodeChanges(episode, recorded(episode))).toEqual({});
  });

  it('sends only what changed, times as instants with the device’s offset', () => {
    const answers = { ...recorded(episode), typeCode: '01' as const, endTime: recorded(episode).endTime.replace(/:50$/, ':58'), injuryPerson: true, debriefPerson: 'no' as const, debriefPersonReason: 'Asleep' };
    const changes = episodeChanges(episode, answers);
    expect(Object.keys(changes).sort()).toEqual(['debriefPerson', 'debriefPersonReason', 'endedAt', 'injuryPerson', 'typeCode']);
    expect(Date.parse(changes.endedAt as string) - Date.parse(episode.endedAt)).toBe(8 * 60_000);
    expect(changes).toMatchObject({ typeCode: '01', injuryPerson: true, debriefPerson: false, debriefPersonReason: 'Asleep' });
  });

  it('sends who took part only when the list differs, whatever the order', () => {
    const held = { ...episode, staff: [{ id: 4, name: 'Chloe Evans', employmentType: 'permanent' }, { id: 9, name: 'Kai Mensah', employmentType: 'agency' }] };
    expect(episodeChanges(held, { ...recorded(held), staffIds: [9, 4] })).toEqual({});
    expect(episodeChanges(held, { ...recorded(held), staffIds: [4] })).toEqual({ staffIds: [4] });
  });
});

describe('who can be named as staff', () => {
  it('offers the service’s active staff by name and job, and keeps anyone already on the record who has since left', () => {
    const atService = [
      { id: 2, name: 'Zara Ali', jobTitle: 'Nurse', active: true },
      { id: 3, name: 'Ben Cole', jobTitle: 'Support worker', active: false },
      { id: 4, name: 'Amy Hart', jobTitle: 'Support worker', active: true },
    ];
    expect(staffChoices(atService)).toEqual([{ value: 4, label: 'Amy Hart, Support worker' }, { value: 2, label: 'Zara Ali, Nurse' }]);
    expect(staffChoices(atService, [{ id: 3, name: 'Ben Cole' }, { id: 9, name: 'Dev Patel' }]).map((c) => c.label))
      .toEqual(['Amy Hart, Support worker', 'Ben Cole, Support worker', 'Dev Patel', 'Zara Ali, Nurse']);
  });
});
