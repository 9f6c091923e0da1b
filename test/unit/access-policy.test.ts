import { describe, expect, it } from 'vitest';
import { roles, canSeePersonLevel, type Role } from '../../src/domain/roles.js';
import { assertInScope, can, grantTable, isInScope, type Resource } from '../../src/server/policies/access.js';
import { systemContext, type Actor } from '../../src/server/policies/actor.js';

const actor = (role: Role, services: Actor['services'] = 'all'): Actor => ({ kind: 'user', userId: 1, name: 'x', email: 'x@x', role, services, via: 'session' });

describe('access policy', () => {
  it('denies by default: an unknown resource is refused to every role', () => {
    for (const role of roles) expect(can(actor(role), 'read', 'nothing' as Resource)).toBe(false);
  });

  it('gives person-level read access exactly to the person-level roles', () => {
    for (const role of roles) expect(can(actor(role), 'read', 'person'), role).toBe(canSeePersonLevel(role));
  });

  it('lets only administrators read the audit trail or manage accounts', () => {
    for (const role of roles) {
      expect(can(actor(role), 'read', 'audit'), role).toBe(role === 'admin');
      expect(can(actor(role), 'create', 'user'), role).toBe(role === 'admin');
    }
  });

  it('never lets a commissioner or board member read anything beyond aggregates', () => {
    const allowed = (role: Role) => Object.entries(grantTable()[role]).filter(([, actions]) => actions?.includes('read')).map(([r]) => r).sort();
    expect(allowed('commissioner')).toEqual(['organisation', 'service_summary']);
    expect(allowed('board_member')).toEqual(['occupancy', 'organisation', 'region', 'service_summary']);
  });

  it('answers out of scope as not found', () => {
    const worker = actor('support_worker', [3]);
    expect(isInScope(worker, 3)).toBe(true);
    expect(isInScope(worker, 4)).toBe(false);
    expect(() => assertInScope(worker, 4, 'person')).toThrow(/No such person/);
    expect(() => assertInScope(actor('support_worker', []), 3)).toThrow();
  });

  it('grants the system context everything, and only it is made by name', () => {
    expect(can(systemContext('job'), 'delete', 'audit')).toBe(true);
  });
});
