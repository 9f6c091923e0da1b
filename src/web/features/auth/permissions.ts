import type { Role } from '../../../domain/roles.js';

/**
 * What each role can use in the web app. This mirrors the server's grant table
 * (src/server/policies/access.ts), which stays the real gate: the client only hides what would be refused.
 * permissions.test.ts checks the two agree.
 */
export type Capability =
  | 'readPeople' | 'editPeople'
  | 'readStaff' | 'editStaff'
  | 'readServiceDetail' | 'editServices'
  | 'readOccupancy' | 'recordOccupancy'
  | 'readRegions' | 'readCommissioners' | 'editOrganisation'
  | 'manageUsers' | 'readAudit';

const personLevelReader: readonly Capability[] = ['readPeople', 'readStaff', 'readServiceDetail'];
const lead: readonly Capability[] = [...personLevelReader, 'readOccupancy', 'readRegions', 'readCommissioners'];

const capabilities: Record<Role, readonly Capability[]> = {
  admin: [...lead, 'editPeople', 'editStaff', 'editServices', 'recordOccupancy', 'editOrganisation', 'manageUsers', 'readAudit'],
  service_manager: [...lead, 'editPeople', 'editStaff', 'recordOccupancy'],
  safeguarding_lead: lead,
  quality_lead: lead,
  support_worker: personLevelReader,
  speak_up_guardian: ['readRegions'],
  board_member: ['readRegions', 'readOccupancy'],
  commissioner: [],
};

/** Whether a role may use a capability. */
export function can(role: Role, capability: Capability): boolean {
  return capabilities[role].includes(capability);
}

export interface NavItem {
  to: string;
  label: string;
  /** Shown only to roles with this capability (all roles when absent). */
  needs?: Capability;
  /** A line for the Home page saying what the area is for. */
  description: string;
}

/** The main navigation, in order. */
export const navItems: readonly NavItem[] = [
  { to: '/', label: 'Home', description: 'Your start page.' },
  { to: '/people', label: 'People', needs: 'readPeople', description: 'The people supported in your services, their details and legal status.' },
  { to: '/staff', label: 'Staff', needs: 'readStaff', description: 'Who works in your services, their job and employment type.' },
  { to: '/services', label: 'Services', description: 'The services, their type, region and size.' },
  { to: '/organisation', label: 'Organisation', needs: 'readCommissioners', description: 'The organisation’s name, regions and commissioners.' },
  { to: '/users', label: 'Users', needs: 'manageUsers', description: 'Create accounts, set roles and services, and issue API tokens.' },
  { to: '/audit', label: 'Audit trail', needs: 'readAudit', description: 'Who did what, and when: every change and every look at a person’s record.' },
  { to: '/account', label: 'Account', description: 'Change your password or sign out.' },
];

/** The navigation items a role can use. */
export function navFor(role: Role): NavItem[] {
  return navItems.filter((item) => !item.needs || can(role, item.needs));
}
