import type { AbuseCategory, ConcernStatus, LocationOfRisk, SourceOfRisk, TimescaleState } from '../../../domain/safeguarding.js';

/** The categories of abuse in everyday words, with a short example each. */
export const categoryPlain: Record<AbuseCategory, { label: string; hint: string }> = {
  physical: { label: 'Physical', hint: 'Hitting, pushing, rough handling, wrong use of medicine or restraint.' },
  domestic: { label: 'Domestic', hint: 'Abuse by a partner or family member, including coercive control.' },
  sexual: { label: 'Sexual', hint: 'Any sexual act or touching the person did not or could not agree to.' },
  psychological: { label: 'Psychological or emotional', hint: 'Threats, humiliation, blaming, isolating, shouting.' },
  financial_or_material: { label: 'Money or belongings', hint: 'Theft, pressure about money, misuse of benefits or property.' },
  modern_slavery: { label: 'Modern slavery', hint: 'Forced work, trafficking, being controlled by others.' },
  discriminatory: { label: 'Discrimination', hint: 'Treated badly because of disability, race, sex, religion or sexuality.' },
  organisational: { label: 'Organisational', hint: 'Poor care caused by how a service is run, such as rigid routines.' },
  neglect_and_acts_of_omission: { label: 'Neglect', hint: 'Care, food, medicine or help not given when needed.' },
  self_neglect: { label: 'Self-neglect', hint: 'The person not looking after their own health, hygiene or home.' },
  sexual_exploitation: { label: 'Sexual exploitation', hint: 'Being used sexually in return for something, or groomed.' },
};

export const locationPlain: Record<LocationOfRisk, string> = {
  own_home: 'Their own home (including supported living)',
  community: 'Out in the community',
  community_service: 'A community service, such as a day centre',
  care_home_nursing: 'A care home with nursing',
  care_home_residential: 'A care home without nursing',
  hospital_acute: 'A general hospital',
  hospital_mental_health: 'A mental health hospital',
  hospital_community: 'A community hospital',
  other: 'Somewhere else',
};

export const sourcePlain: Record<SourceOfRisk, string> = {
  service_provider: 'Paid staff or a care provider (including us)',
  known_to_individual: 'Someone the person knows, such as family, a friend or another person supported',
  unknown_to_individual: 'Someone the person does not know',
};

export const statusShort: Record<ConcernStatus, string> = {
  raised: 'Raised', referred: 'Referred', enquiry: 'Enquiry open', no_further_action: 'No further action',
  outcome_recorded: 'Outcome recorded', closed: 'Closed',
};

export const statusTag: Record<ConcernStatus, string> = {
  raised: 'tag rec-tag--yellow', referred: 'tag rec-tag--blue', enquiry: 'tag rec-tag--blue', no_further_action: 'tag tag--grey',
  outcome_recorded: 'tag rec-tag--green', closed: 'tag tag--grey',
};

export const timescaleTag: Record<TimescaleState, { text: string; className: string }> = {
  met: { text: 'Met', className: 'tag rec-tag--green' },
  met_late: { text: 'Met late', className: 'tag rec-tag--yellow' },
  pending: { text: 'Not due yet', className: 'tag tag--grey' },
  due_soon: { text: 'Due soon', className: 'tag rec-tag--yellow' },
  overdue: { text: 'Overdue', className: 'tag rec-tag--red' },
};
