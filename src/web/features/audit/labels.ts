// Plain words for the audit trail's stored action and record codes; unknown codes are shown as they are.

export const actionLabels: Record<string, string> = {
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted or revoked',
  read: 'Viewed',
  list: 'Listed',
  sign_in: 'Signed in',
  sign_out: 'Signed out',
};

export const entityKindLabels: Record<string, string> = {
  person: 'Person',
  staff: 'Staff member',
  service: 'Service',
  occupancy: 'Occupancy',
  region: 'Region',
  commissioner: 'Commissioner',
  organisation: 'Organisation',
  user: 'Account',
  api_token: 'API token',
  system: 'System',
};

export const actionLabel = (code: string) => actionLabels[code] ?? code;
export const entityKindLabel = (code: string) => entityKindLabels[code] ?? code;
