import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../domain/roles.js';
import { can as serverCan, type Action, type Resource } from '../../../server/policies/access.js';
import { can, navFor, type Capability } from './permissions.js';

// Each capability of the web app and the server grant it stands for.
const grantFor: Record<Capability, [Action, Resource]> = {
  readPeople: ['read', 'person'],
  editPeople: ['update', 'person'],
  readStaff: ['read', 'staff'],
  editStaff: ['update', 'staff'],
  readServiceDetail: ['read', 'service'],
  editServices: ['update', 'service'],
  readOccupancy: ['read', 'occupancy'],
  recordOccupancy: ['create', 'occupancy'],
  readRegions: ['read', 'region'],
  readCommissioners: ['read', 'commissioner'],
  editOrganisation: ['update', 'organisation'],
  manageUsers: ['create', 'user'],
  readAudit: ['read', 'audit'],
};

const actorOf = (role: Role) => ({ kind: 'user' as const, userId: 1, name: 'Test', email: 't@example.org', role, services: 'all' as const, via: 'session' as const });

describe('web capabilities', () => {
  it.each(roles)('match the server grant table for %s', (role) => {
    for (const [capability, [action, resource]] of Object.entries(grantFor)) {
      expect({ capability, allowed: can(role, capability as Capability) }).toEqual({ capability, allowed: serverCan(actorOf(role), action, resource) });
    }
  });

  it('show each role the navigation the issue asks for', () => {
    const labels = (role: Role) => navFor(role).map((item) => item.label);
    expect(labels('board_member')).toEqual(['Home', 'Services', 'Account']);
    expect(labels('commissioner')).toEqual(['Home', 'Services', 'Account']);
    expect(labels('speak_up_guardian')).toEqual(['Home', 'Services', 'Account']);
    expect(labels('support_worker')).toEqual(['Home', 'People', 'Staff', 'Services', 'Account']);
    expect(labels('service_manager')).toEqual(['Home', 'People', 'Staff', 'Services', 'Organisation', 'Account']);
    expect(labels('admin')).toEqual(['Home', 'People', 'Staff', 'Services', 'Organisation', 'Users', 'Audit trail', 'Account']);
  });
});
