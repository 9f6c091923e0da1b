// Stored codes from DOMAIN.md §6.1: the API, the database and imports use the same values.

export const serviceTypes = ['supported_living', 'residential_care_home', 'hospital_unit', 'day_service'] as const;
export type ServiceType = (typeof serviceTypes)[number];

export const serviceTypeLabels: Record<ServiceType, string> = {
  supported_living: 'Supported living',
  residential_care_home: 'Residential care home',
  hospital_unit: 'Hospital unit',
  day_service: 'Day service',
};

export const employmentTypes = ['permanent', 'bank', 'agency'] as const;
export type EmploymentType = (typeof employmentTypes)[number];

export const employmentTypeLabels: Record<EmploymentType, string> = {
  permanent: 'Permanent',
  bank: 'Bank',
  agency: 'Agency',
};

/** Legal status of a person supported (DOMAIN.md §6: DoLS, Mental Health Act section, or none). */
export const legalStatuses = [
  'informal',
  'dols_authorised',
  'dols_applied',
  'court_of_protection',
  'mha_section_2',
  'mha_section_3',
  'mha_section_37',
  'mha_section_37_41',
  'community_treatment_order',
  'other',
] as const;
export type LegalStatus = (typeof legalStatuses)[number];

export const legalStatusLabels: Record<LegalStatus, string> = {
  informal: 'No restriction (informal)',
  dols_authorised: 'DoLS authorised',
  dols_applied: 'DoLS applied for',
  court_of_protection: 'Court of Protection order',
  mha_section_2: 'Mental Health Act section 2',
  mha_section_3: 'Mental Health Act section 3',
  mha_section_37: 'Mental Health Act section 37',
  mha_section_37_41: 'Mental Health Act section 37/41',
  community_treatment_order: 'Community treatment order',
  other: 'Other',
};
