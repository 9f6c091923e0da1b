/** The eight roles of Lantern; access is decided by src/server/policies/access.ts. */
export const roles = [
  'support_worker',
  'service_manager',
  'safeguarding_lead',
  'quality_lead',
  'speak_up_guardian',
  'board_member',
  'commissioner',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  support_worker: 'Support worker',
  service_manager: 'Service manager',
  safeguarding_lead: 'Safeguarding lead',
  quality_lead: 'Quality lead',
  speak_up_guardian: 'Freedom to Speak Up guardian',
  board_member: 'Board member',
  commissioner: 'Commissioner',
  admin: 'Administrator',
};

/** Roles that see person-level records (the rest see aggregates only). */
export const personLevelRoles: readonly Role[] = [
  'support_worker',
  'service_manager',
  'safeguarding_lead',
  'quality_lead',
  'admin',
];

/** Whether a role may read records about individual people supported. */
export function canSeePersonLevel(role: Role): boolean {
  return personLevelRoles.includes(role);
}
