import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/domain/common.js';
import { personInput, serviceUpdate, staffUpdate } from '../../src/domain/organisation.js';
import { canSeePersonLevel, roles } from '../../src/domain/roles.js';
import { serviceTypes } from '../../src/domain/codes.js';

describe('dates', () => {
  it.each(['2026-11-26', '2024-02-29', '2000-02-29'])('accepts the real date %s', (d) => expect(isoDate.safeParse(d).success).toBe(true));
  it.each(['2025-02-29', '2026-13-01', '2026-11-31', '26/11/2026', '2026-1-5', ''])('refuses %j', (d) => expect(isoDate.safeParse(d).success).toBe(false));
});

describe('person details', () => {
  const base = { ref: 'P1', displayName: 'Amira K.', serviceId: 1, learningDisability: true, autism: true, legalStatus: 'informal', startDate: '2025-01-01' };
  it('needs the end on or after the start, and names endDate when not', () => {
    const result = personInput.safeParse({ ...base, endDate: '2024-12-31' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['endDate']);
    expect(personInput.safeParse({ ...base, endDate: '2025-01-01' }).success).toBe(true);
  });
  it('refuses fields it does not know, so typos are not silently dropped', () => {
    const result = personInput.safeParse({ ...base, dateOfBirth: '1990-01-01' });
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});

describe('updates carry only what changes', () => {
  it('does not fill in defaults on a partial update', () => {
    expect(serviceUpdate.parse({ capacity: 5 })).toEqual({ capacity: 5 });
    expect(staffUpdate.parse({ jobTitle: 'Team leader' })).toEqual({ jobTitle: 'Team leader' });
  });
});

describe('codes and roles', () => {
  it('uses the stored service types of DOMAIN.md §6.1', () => {
    expect(serviceTypes).toEqual(['supported_living', 'residential_care_home', 'hospital_unit', 'day_service']);
  });
  it('keeps board members, commissioners and the guardian away from person-level records', () => {
    expect(roles.filter((r) => !canSeePersonLevel(r)).sort()).toEqual(['board_member', 'commissioner', 'speak_up_guardian']);
  });
});
