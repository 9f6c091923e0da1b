import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../domain/roles.js';
import { timelineSources } from '../../../domain/timeline.js';
import { can as serverCan, type Action, type Resource } from '../../../server/policies/access.js';
import { sourceResource } from '../../../server/services/timeline.service.js';
import { can, navFor, type Capability } from './permissions.js';

// Each capability of the web app and the server grant it stands for (searchRecords, which stands for several, below).
const grantFor: Record<Exclude<Capability, 'searchRecords'>, [Action, Resource]> = {
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
  readIncidents: ['read', 'incident'],
  recordIncidents: ['create', 'incident'],
  reviewIncidents: ['update', 'incident'],
  readSafeguarding: ['read', 'safeguarding_concern'],
  raiseSafeguarding: ['create', 'safeguarding_concern'],
  manageSafeguarding: ['update', 'safeguarding_concern'],
  speakUp: ['create', 'speak_up'],
  guardSpeakUp: ['read', 'speak_up'],
  readComplaints: ['read', 'complaint'],
  recordComplaints: ['create', 'complaint'],
  manageComplaints: ['update', 'complaint'],
  readRestrictions: ['read', 'restriction'],
  editRestrictions: ['create', 'restriction'],
  challengeRestrictions: ['create', 'restriction_challenge'],
  reviewChallenges: ['update', 'restriction_challenge'],
  readPracticeReviews: ['read', 'practice_review'],
  recordPracticeReviews: ['create', 'practice_review'],
  importData: ['create', 'import'],
  readPatterns: ['read', 'pattern'],
  readStaffPatterns: ['read', 'pattern_staff'],
  dismissPatterns: ['update', 'pattern'],
  recomputePatterns: ['create', 'pattern'],
  readLearningResponses: ['read', 'learning_response'],
  startLearningResponses: ['create', 'learning_response'],
  readLessons: ['read', 'lesson'],
  recordLessons: ['create', 'lesson'],
  readActions: ['read', 'action'],
  manageActions: ['update', 'action'],
  readDocuments: ['read', 'person_document'],
  editDocuments: ['create', 'person_document'],
  readTraining: ['read', 'training'],
  manageTraining: ['create', 'training'],
};

const actorOf = (role: Role) => ({ kind: 'user' as const, userId: 1, name: 'Test', email: 't@example.org', role, services: 'all' as const, via: 'session' as const });

describe('web capabilities', () => {
  it.each(roles)('match the server grant table for %s', (role) => {
    for (const [capability, [action, resource]] of Object.entries(grantFor)) {
      expect({ capability, allowed: can(role, capability as Capability) }).toEqual({ capability, allowed: serverCan(actorOf(role), action, resource) });
    }
  });

  it.each(roles)('let %s search only when the server lets the role read some source of search and timelines', (role) => {
    const readsASource = timelineSources.some((source) => serverCan(actorOf(role), 'read', sourceResource[source]));
    expect(can(role, 'searchRecords')).toBe(readsASource);
  });

  it('show each role the navigation the issue asks for', () => {
    const labels = (role: Role) => navFor(role).map((item) => item.label);
    const records = ['Safeguarding', 'Restrictions', 'Practice reviews', 'Complaints', 'Search', 'Speak up'];
    const analysis = ['Patterns', 'Themes', 'Learning'];
    expect(labels('board_member')).toEqual(['Home', 'Dashboard', 'Speak up', 'Themes', 'Services']);
    expect(labels('commissioner')).toEqual(['Home', 'Dashboard', 'Themes', 'Services']);
    expect(labels('speak_up_guardian')).toEqual(['Home', 'Dashboard', 'Speak up', 'Speak-up cases', 'Themes', 'Learning', 'Services']);
    expect(labels('support_worker')).toEqual(['Home', 'Dashboard', 'Incidents', ...records, 'Themes', 'Learning', 'People', 'Staff', 'Services']);
    expect(labels('service_manager')).toEqual(['Home', 'Dashboard', 'Incidents', ...records, ...analysis, 'People', 'Staff', 'Services', 'Organisation']);
    expect(labels('safeguarding_lead')).toEqual(['Home', 'Dashboard', 'Incidents', ...records, ...analysis, 'People', 'Staff', 'Services', 'Organisation']);
    expect(labels('admin')).toEqual(['Home', 'Dashboard', 'Incidents', ...records, ...analysis, 'People', 'Staff', 'Services', 'Organisation', 'Users', 'Audit trail', 'Import']);
    expect(labels('quality_lead')).toEqual(['Home', 'Dashboard', 'Incidents', ...records, ...analysis, 'People', 'Staff', 'Services', 'Organisation', 'Import']);
  });
});
