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
  | 'manageUsers' | 'readAudit'
  | 'readIncidents' | 'recordIncidents' | 'reviewIncidents'
  | 'readSafeguarding' | 'raiseSafeguarding' | 'manageSafeguarding'
  | 'speakUp' | 'guardSpeakUp'
  | 'readComplaints' | 'recordComplaints' | 'manageComplaints'
  | 'readRestrictions' | 'editRestrictions' | 'challengeRestrictions' | 'reviewChallenges' | 'readPracticeReviews' | 'recordPracticeReviews'
  /** Search, timelines and service logs: for roles that read at least one kind of record on them. */
  | 'searchRecords'
  | 'importData'
  | 'readPatterns' | 'readStaffPatterns' | 'dismissPatterns' | 'recomputePatterns'
  | 'readLearningResponses' | 'startLearningResponses' | 'readLessons' | 'recordLessons'
  | 'readActions' | 'manageActions' | 'readDocuments' | 'editDocuments' | 'readTraining' | 'manageTraining';

const personLevelReader: readonly Capability[] = ['readPeople', 'readStaff', 'readServiceDetail'];
const incidentReviewer: readonly Capability[] = ['readIncidents', 'recordIncidents', 'reviewIncidents'];
const lead: readonly Capability[] = [...personLevelReader, 'readOccupancy', 'readRegions', 'readCommissioners', ...incidentReviewer];

// Safeguarding, complaints, the restrictions register and practice reviews, and searching them, for those who work in services.
const recorder: readonly Capability[] = [
  'readSafeguarding', 'raiseSafeguarding', 'speakUp', 'readComplaints', 'recordComplaints', 'readRestrictions', 'challengeRestrictions',
  'readPracticeReviews', 'searchRecords',
];
// Changing the register, answering challenges, and recording post-incident and periodic reviews of restrictive practice.
const restrictionReviewer: readonly Capability[] = ['editRestrictions', 'reviewChallenges', 'recordPracticeReviews'];

const capabilities: Record<Role, readonly Capability[]> = {
  admin: [...lead, ...recorder, ...restrictionReviewer, 'manageSafeguarding', 'manageComplaints', 'editPeople', 'editStaff', 'editServices', 'recordOccupancy', 'editOrganisation', 'manageUsers', 'readAudit', 'importData'],
  service_manager: [...lead, ...recorder, ...restrictionReviewer, 'manageSafeguarding', 'manageComplaints', 'editPeople', 'editStaff', 'recordOccupancy'],
  safeguarding_lead: [...lead, ...recorder.filter((c) => c !== 'recordComplaints'), ...restrictionReviewer, 'manageSafeguarding'],
  quality_lead: [...lead, ...recorder.filter((c) => c !== 'raiseSafeguarding'), ...restrictionReviewer, 'manageComplaints', 'importData'],
  support_worker: [...personLevelReader, 'readIncidents', 'recordIncidents', ...recorder],
  speak_up_guardian: ['readRegions', 'speakUp', 'guardSpeakUp', 'challengeRestrictions'],
  board_member: ['readRegions', 'readOccupancy', 'speakUp'],
  commissioner: [],
};

// Detected patterns (src/server/services/patterns.service.ts): leads, managers and admins read and dismiss them;
// a full recompute is for leads and admins; findings naming staff are for the safeguarding and quality leads.
const patternCapabilities: Partial<Record<Role, readonly Capability[]>> = {
  admin: ['readPatterns', 'dismissPatterns', 'recomputePatterns'],
  service_manager: ['readPatterns', 'dismissPatterns'],
  safeguarding_lead: ['readPatterns', 'readStaffPatterns', 'dismissPatterns', 'recomputePatterns'],
  quality_lead: ['readPatterns', 'readStaffPatterns', 'dismissPatterns', 'recomputePatterns'],
};

// Closing the loop (issue 5): learning responses, lessons, actions, a person's versioned plans, and training.
const learningReader: readonly Capability[] = ['readLearningResponses', 'readLessons', 'readActions', 'readDocuments', 'readTraining'];
const learningWriter: readonly Capability[] = [...learningReader, 'startLearningResponses', 'recordLessons', 'manageActions', 'editDocuments'];
const learningCapabilities: Partial<Record<Role, readonly Capability[]>> = {
  admin: [...learningWriter, 'manageTraining'],
  service_manager: [...learningWriter, 'manageTraining'],
  safeguarding_lead: learningWriter,
  quality_lead: [...learningWriter, 'manageTraining'],
  support_worker: learningReader,
  speak_up_guardian: ['readLearningResponses', 'startLearningResponses', 'readLessons'],
};

/** Whether a role may use a capability. */
export function can(role: Role, capability: Capability): boolean {
  return capabilities[role].includes(capability) || (patternCapabilities[role]?.includes(capability) ?? false)
    || (learningCapabilities[role]?.includes(capability) ?? false);
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
  { to: '/dashboard', label: 'Dashboard', description: 'Restrictive practice and harm month by month, as Making Data Count charts, for the organisation, a region, a service or a person.' },
  { to: '/incidents', label: 'Incidents', needs: 'readIncidents', description: 'Record an incident and any restrictive intervention; review and correct records.' },
  { to: '/safeguarding', label: 'Safeguarding', needs: 'readSafeguarding', description: 'Raise a safeguarding concern; follow each concern from referral to outcome.' },
  { to: '/restrictions', label: 'Restrictions', needs: 'readRestrictions', description: 'The restrictions register: what is restricted, why, when it is reviewed, and challenges.' },
  { to: '/reviews', label: 'Practice reviews', needs: 'readPracticeReviews', description: 'Debriefs after incidents and periodic reviews of restrictions: who took part, whether each restriction is justified, and what will change.' },
  { to: '/complaints', label: 'Complaints', needs: 'readComplaints', description: 'Record complaints, feedback and compliments, and respond in time.' },
  { to: '/search', label: 'Search', needs: 'searchRecords', description: 'Find incidents, safeguarding concerns, complaints, practice reviews and restrictions by the words in them or their reference.' },
  { to: '/speak-up', label: 'Speak up', needs: 'speakUp', description: 'Raise a concern with the Freedom to Speak Up guardian: named, confidential or anonymous.' },
  { to: '/speak-up/cases', label: 'Speak-up cases', needs: 'guardSpeakUp', description: 'Reports to the Freedom to Speak Up guardian: reply, triage and close.' },
  { to: '/patterns', label: 'Patterns', needs: 'readPatterns', description: 'Patterns found in incidents and records, each explained with its figures and the records behind it.' },
  { to: '/themes', label: 'Themes', description: 'What records are about across incidents, safeguarding, complaints, speak-up and practice reviews, by service and month.' },
  { to: '/learning', label: 'Learning', needs: 'readLessons', description: 'Learning responses, the learning library, lessons shared between services, actions and whether they worked, and training.' },
  { to: '/people', label: 'People', needs: 'readPeople', description: 'The people supported in your services, their details and legal status.' },
  { to: '/staff', label: 'Staff', needs: 'readStaff', description: 'Who works in your services, their job and employment type.' },
  { to: '/services', label: 'Services', description: 'The services, their type, region and size.' },
  { to: '/organisation', label: 'Organisation', needs: 'readCommissioners', description: 'The organisation’s name, regions and commissioners.' },
  { to: '/users', label: 'Users', needs: 'manageUsers', description: 'Create accounts, set roles and services, and issue API tokens.' },
  { to: '/audit', label: 'Audit trail', needs: 'readAudit', description: 'Who did what, and when: every change and every look at a person’s record.' },
  { to: '/imports', label: 'Import', needs: 'importData', description: 'Add or update services, people, staff, occupancy and records from a CSV or XLSX file.' },
];

/** The navigation items a role can use. */
export function navFor(role: Role): NavItem[] {
  return navItems.filter((item) => !item.needs || can(role, item.needs));
}
