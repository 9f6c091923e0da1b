import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/roles.js';
import { roles } from '../../src/domain/roles.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { buildWorld, PASSWORD, type World } from '../support/world.js';
import { signedIn, testApp, type Client } from '../support/http.js';
import type { App } from '../../src/server/http/app.js';

// The access policy written out as a specification: for every route, the answer each role gets.
// Scoped roles (support worker, service manager) and the commissioner (Leeds) reach Birch House only.
type Code = 200 | 201 | 204 | 400 | 403 | 404;
type Expect = Record<Role, Code>;
const W = 'support_worker', M = 'service_manager', S = 'safeguarding_lead', Q = 'quality_lead';
const G = 'speak_up_guardian', B = 'board_member', C = 'commissioner', A = 'admin';

function answers(byRole: Partial<Record<Role, Code>>, otherwise: Code): Expect {
  return Object.fromEntries(roles.map((r) => [r, byRole[r] ?? otherwise])) as Expect;
}

/** Records made before the matrix runs, one inside and one outside the scoped roles' service. */
interface Records { incident: { birch: number; rowan: number }; concern: { birch: number; rowan: number }; complaint: { birch: number; rowan: number }; speakUp: number; spareUser: number; restriction: { birch: number; rowan: number } }
interface Case { name: string; method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: (w: World, r: Records) => string; body?: (w: World, n: number) => unknown; expect: Expect }

const incidentBody = (w: World, serviceId = w.services.birch.id, personId = w.people.amira.id) => ({
  serviceId, personIds: [personId], occurredAt: '2026-11-20T18:40:00Z', harmPhysical: 'none', harmPsychological: 'low', narrative: 'Shouting in the hallway.',
});
const concernBody = (w: World, serviceId = w.services.birch.id, personId = w.people.amira.id) => ({
  serviceId, personId, raisedAt: '2026-11-20T10:00:00Z', categories: ['psychological'], locationOfRisk: 'community_service', sourceOfRisk: 'service_provider',
  immediateProtection: 'Staff member moved to other duties.', narrative: 'A visitor heard a staff member shouting at Amira.', policeInvolved: false,
});
const complaintBody = (w: World, serviceId = w.services.birch.id) => ({
  kind: 'feedback', serviceId, receivedAt: '2026-11-20T10:00:00Z', raisedBy: 'professional', channel: 'email', subject: 'Visit', narrative: 'Notes from a visit.',
});
const restrictionBody = (w: World, serviceId = w.services.birch.id) => ({
  serviceId, category: 'environmental', description: 'Kitchen locked after 20:00', legalBasis: 'best_interests_decision',
  alternativesConsidered: 'Supervised evening snacks were tried.', startedOn: '2026-01-01', reviewDueOn: '2027-01-01',
});
const LEADS_AND_CARE: Partial<Record<Role, Code>> = { [W]: 200, [M]: 200, [S]: 200, [Q]: 200, [A]: 200 };

const personBody = (serviceId: number, n: number) => ({
  ref: `P-NEW-${n}`, displayName: `New Person ${n}`, serviceId, learningDisability: true, autism: false, legalStatus: 'informal', startDate: '2024-01-01',
});

// Chart marks made before the matrix runs, one per role for each removal case (a removal that succeeds uses its mark up).
const marks = { birch: [] as number[], rowan: [] as number[] };
const markBody = () => ({ period: '2026-01', kind: 'action', label: 'Night staff trained' });
const SETTERS: Partial<Record<Role, Code>> = { [Q]: 200, [A]: 200 };

const cases: Case[] = [
  { name: 'read the organisation', method: 'GET', url: () => '/api/v1/organisation', expect: answers({}, 200) },
  { name: 'rename the organisation', method: 'PATCH', url: () => '/api/v1/organisation', body: () => ({ name: 'Test Care Ltd' }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list services', method: 'GET', url: () => '/api/v1/services', expect: answers({}, 200) },
  { name: 'read an in-scope service', method: 'GET', url: (w) => `/api/v1/services/${w.services.birch.id}`, expect: answers({}, 200) },
  { name: 'read an out-of-scope service', method: 'GET', url: (w) => `/api/v1/services/${w.services.rowan.id}`, expect: answers({ [W]: 404, [M]: 404, [C]: 404 }, 200) },
  { name: 'read a missing service', method: 'GET', url: () => '/api/v1/services/999999', expect: answers({}, 404) },
  { name: 'add a service', method: 'POST', url: () => '/api/v1/services', body: (w, n) => ({ name: `New Service ${n}`, type: 'day_service', regionId: w.regions.north.id, capacity: 12 }), expect: answers({ [A]: 201 }, 403) },
  { name: 'change an in-scope service', method: 'PATCH', url: (w) => `/api/v1/services/${w.services.birch.id}`, body: () => ({ capacity: 6 }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list regions', method: 'GET', url: () => '/api/v1/regions', expect: answers({ [W]: 403, [C]: 403 }, 200) },
  { name: 'add a region', method: 'POST', url: () => '/api/v1/regions', body: (_w, n) => ({ name: `Region ${n}` }), expect: answers({ [A]: 201 }, 403) },
  { name: 'list commissioners', method: 'GET', url: () => '/api/v1/commissioners', expect: answers({ [M]: 200, [S]: 200, [Q]: 200, [A]: 200 }, 403) },
  { name: 'add a commissioner', method: 'POST', url: () => '/api/v1/commissioners', body: (_w, n) => ({ name: `Council ${n}` }), expect: answers({ [A]: 201 }, 403) },
  { name: 'list people in an in-scope service', method: 'GET', url: (w) => `/api/v1/people?serviceId=${w.services.birch.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'list people in an out-of-scope service', method: 'GET', url: (w) => `/api/v1/people?serviceId=${w.services.rowan.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an in-scope person', method: 'GET', url: (w) => `/api/v1/people/${w.people.amira.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an out-of-scope person', method: 'GET', url: (w) => `/api/v1/people/${w.people.ben.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read a missing person', method: 'GET', url: () => '/api/v1/people/999999', expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 404) },
  { name: 'add a person to an in-scope service', method: 'POST', url: () => '/api/v1/people', body: (w, n) => personBody(w.services.birch.id, n), expect: answers({ [M]: 201, [A]: 201 }, 403) },
  { name: 'add a person to an out-of-scope service', method: 'POST', url: () => '/api/v1/people', body: (w, n) => personBody(w.services.rowan.id, n), expect: answers({ [M]: 400, [A]: 201 }, 403) },
  { name: 'change an in-scope person', method: 'PATCH', url: (w) => `/api/v1/people/${w.people.amira.id}`, body: () => ({ displayName: 'Amira K.' }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'change an out-of-scope person', method: 'PATCH', url: (w) => `/api/v1/people/${w.people.ben.id}`, body: () => ({ displayName: 'Ben T.' }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'list staff', method: 'GET', url: () => '/api/v1/staff', expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an in-scope staff member', method: 'GET', url: (w) => `/api/v1/staff/${w.staff.chloe.id}`, expect: answers({ [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'read an out-of-scope staff member', method: 'GET', url: (w) => `/api/v1/staff/${w.staff.dev.id}`, expect: answers({ [W]: 404, [M]: 404, [G]: 403, [B]: 403, [C]: 403 }, 200) },
  { name: 'change an in-scope staff member', method: 'PATCH', url: (w) => `/api/v1/staff/${w.staff.chloe.id}`, body: () => ({ jobTitle: 'Support worker' }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'change an out-of-scope staff member', method: 'PATCH', url: (w) => `/api/v1/staff/${w.staff.dev.id}`, body: () => ({ jobTitle: 'Agency support worker' }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'add a staff member', method: 'POST', url: () => '/api/v1/staff', body: (w, n) => ({ name: `Staff ${n}`, jobTitle: 'Support worker', employmentType: 'bank', serviceIds: [w.services.birch.id] }), expect: answers({ [M]: 201, [A]: 201 }, 403) },
  { name: 'read in-scope occupancy', method: 'GET', url: (w) => `/api/v1/services/${w.services.birch.id}/occupancy?from=2026-01-01&to=2026-03-31`, expect: answers({ [W]: 403, [G]: 403, [C]: 403 }, 200) },
  { name: 'read out-of-scope occupancy', method: 'GET', url: (w) => `/api/v1/services/${w.services.rowan.id}/occupancy?from=2026-01-01&to=2026-03-31`, expect: answers({ [W]: 403, [M]: 404, [G]: 403, [C]: 403 }, 200) },
  { name: 'record in-scope occupancy', method: 'PUT', url: () => '/api/v1/occupancy', body: (w) => ({ serviceId: w.services.birch.id, days: [{ date: '2026-01-05', occupiedDays: 5 }] }), expect: answers({ [M]: 200, [A]: 200 }, 403) },
  { name: 'record out-of-scope occupancy', method: 'PUT', url: () => '/api/v1/occupancy', body: (w) => ({ serviceId: w.services.rowan.id, days: [{ date: '2026-01-05', occupiedDays: 9 }] }), expect: answers({ [M]: 404, [A]: 200 }, 403) },
  { name: 'list users', method: 'GET', url: () => '/api/v1/users', expect: answers({ [A]: 200 }, 403) },
  { name: 'create a user', method: 'POST', url: () => '/api/v1/users', body: (_w, n) => ({ email: `new${n}@test.lantern`, name: `New ${n}`, role: 'quality_lead', allServices: true, password: 'a-long-enough-password' }), expect: answers({ [A]: 201 }, 403) },
  { name: 'change a user', method: 'PATCH', url: (w) => `/api/v1/users/${w.accounts.quality_lead.id}`, body: () => ({ name: 'Test quality_lead' }), expect: answers({ [A]: 200 }, 403) },
  { name: 'list a user’s API tokens', method: 'GET', url: (w) => `/api/v1/users/${w.accounts.board_member.id}/tokens`, expect: answers({ [A]: 200 }, 403) },
  { name: 'issue an API token', method: 'POST', url: (w) => `/api/v1/users/${w.accounts.board_member.id}/tokens`, body: () => ({ name: 'Board pack export' }), expect: answers({ [A]: 201 }, 403) },
  { name: 'reset a user’s password', method: 'POST', url: (_w, r) => `/api/v1/users/${r.spareUser}/password`, body: () => ({ newPassword: 'correct-horse-battery' }), expect: answers({ [A]: 204 }, 403) },
  { name: 'search the audit trail', method: 'GET', url: () => '/api/v1/audit', expect: answers({ [A]: 200 }, 403) },
  { name: 'record an incident', method: 'POST', url: () => '/api/v1/incidents', body: (w) => incidentBody(w), expect: answers({ [W]: 201, [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'list incidents', method: 'GET', url: () => '/api/v1/incidents', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an in-scope incident', method: 'GET', url: (_w, r) => `/api/v1/incidents/${r.incident.birch}`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope incident', method: 'GET', url: (_w, r) => `/api/v1/incidents/${r.incident.rowan}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'ask for a correction to an incident', method: 'POST', url: (_w, r) => `/api/v1/incidents/${r.incident.birch}/review`, body: () => ({ decision: 'correction_requested', comment: 'Add the time it ended.' }), expect: answers({ [M]: 200, [S]: 200, [Q]: 200, [A]: 200 }, 403) },
  { name: 'raise a safeguarding concern', method: 'POST', url: () => '/api/v1/safeguarding-concerns', body: (w) => concernBody(w), expect: answers({ [W]: 201, [M]: 201, [S]: 201, [A]: 201 }, 403) },
  { name: 'list safeguarding concerns', method: 'GET', url: () => '/api/v1/safeguarding-concerns', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an in-scope safeguarding concern', method: 'GET', url: (_w, r) => `/api/v1/safeguarding-concerns/${r.concern.birch}`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope safeguarding concern', method: 'GET', url: (_w, r) => `/api/v1/safeguarding-concerns/${r.concern.rowan}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'add a safeguarding decision note', method: 'POST', url: (_w, r) => `/api/v1/safeguarding-concerns/${r.concern.birch}/decisions`, body: () => ({ summary: 'Spoke to the family', reason: 'They asked to be kept informed.' }), expect: answers({ [M]: 201, [S]: 201, [A]: 201 }, 403) },
  { name: 'read the safeguarding worklist', method: 'GET', url: () => '/api/v1/safeguarding/worklist', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'record feedback', method: 'POST', url: () => '/api/v1/complaints', body: (w) => complaintBody(w), expect: answers({ [W]: 201, [M]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'read in-scope feedback', method: 'GET', url: (_w, r) => `/api/v1/complaints/${r.complaint.birch}`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read out-of-scope feedback', method: 'GET', url: (_w, r) => `/api/v1/complaints/${r.complaint.rowan}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'add to the restrictions register', method: 'POST', url: () => '/api/v1/restrictions', body: (w) => restrictionBody(w), expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'read an in-scope restriction', method: 'GET', url: (_w, r) => `/api/v1/restrictions/${r.restriction.birch}`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope restriction', method: 'GET', url: (_w, r) => `/api/v1/restrictions/${r.restriction.rowan}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'change a restriction', method: 'PATCH', url: (_w, r) => `/api/v1/restrictions/${r.restriction.birch}`, body: (_w, n) => ({ reviewDueOn: `2027-03-${String((n % 27) + 1).padStart(2, '0')}`, reason: 'Review moved.' }), expect: answers({ [M]: 200, [S]: 200, [Q]: 200, [A]: 200 }, 403) },
  { name: 'challenge a restriction', method: 'POST', url: (_w, r) => `/api/v1/restrictions/${r.restriction.birch}/challenges`, body: () => ({ text: 'Why is the kitchen locked for everyone?' }), expect: answers({ [W]: 201, [M]: 201, [S]: 201, [Q]: 201, [G]: 201, [A]: 201 }, 403) },
  { name: 'read the challenge queue', method: 'GET', url: () => '/api/v1/restriction-challenges', expect: answers({ [M]: 200, [S]: 200, [Q]: 200, [A]: 200 }, 403) },
  { name: 'record a periodic practice review', method: 'POST', url: () => '/api/v1/reviews', body: (w) => ({ kind: 'periodic', personId: w.people.amira.id, serviceId: w.services.birch.id, heldOn: '2026-11-01', participants: { person: true, family: false, advocate: true, staff: false } }), expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'list practice reviews', method: 'GET', url: () => '/api/v1/reviews', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an in-scope person’s timeline', method: 'GET', url: (w) => `/api/v1/people/${w.people.amira.id}/timeline`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope person’s timeline', method: 'GET', url: (w) => `/api/v1/people/${w.people.ben.id}/timeline`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'read an in-scope service log', method: 'GET', url: (w) => `/api/v1/services/${w.services.birch.id}/log`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope service log', method: 'GET', url: (w) => `/api/v1/services/${w.services.rowan.id}/log`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'search records', method: 'GET', url: () => '/api/v1/search?q=kitchen', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an in-scope incident’s links', method: 'GET', url: (_w, r) => `/api/v1/links?source=incident&id=${r.incident.birch}`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope incident’s links', method: 'GET', url: (_w, r) => `/api/v1/links?source=incident&id=${r.incident.rowan}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'speak up (named)', method: 'POST', url: () => '/api/v1/speak-up', body: () => ({ mode: 'named', whatHappened: 'Night staff sleep on shift.' }), expect: answers({ [C]: 403 }, 201) },
  { name: 'list speak-up reports', method: 'GET', url: () => '/api/v1/speak-up', expect: answers({ [G]: 200 }, 403) },
  { name: 'read a speak-up report', method: 'GET', url: (_w, r) => `/api/v1/speak-up/${r.speakUp}`, expect: answers({ [G]: 200 }, 403) },
  // Learning (issue 5): responses, the learning library, actions, a person's versioned plans, training, "you said, we did".
  { name: 'list learning responses', method: 'GET', url: () => '/api/v1/learning-responses', expect: answers({ ...LEADS_AND_CARE, [G]: 200 }, 403) },
  { name: 'start a learning response at an in-scope service', method: 'POST', url: () => '/api/v1/learning-responses', body: (w) => ({ type: 'AAR', title: 'Evening handovers', serviceId: w.services.birch.id, startedOn: '2026-11-01', participants: { person: true, family: false, advocate: false, staff: true } }), expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [G]: 201, [A]: 201 }, 403) },
  { name: 'start a learning response at an out-of-scope service', method: 'POST', url: () => '/api/v1/learning-responses', body: (w) => ({ type: 'SWARM_huddle', title: 'Huddle', serviceId: w.services.rowan.id, startedOn: '2026-11-01', participants: { person: false, family: false, advocate: false, staff: true } }), expect: answers({ [M]: 400, [S]: 201, [Q]: 201, [G]: 201, [A]: 201 }, 403) },
  { name: 'search the learning library', method: 'GET', url: () => '/api/v1/lessons?q=handover', expect: answers({ ...LEADS_AND_CARE, [G]: 200 }, 403) },
  { name: 'record a lesson for an in-scope service', method: 'POST', url: () => '/api/v1/lessons', body: (w) => ({ statement: 'Hand over communication needs at every shift change.', scope: { type: 'service', id: w.services.birch.id } }), expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'record an organisation-wide lesson', method: 'POST', url: () => '/api/v1/lessons', body: () => ({ statement: 'Agency inductions include each person’s communication passport.', scope: { type: 'organisation' } }), expect: answers({ [M]: 400, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'list overdue actions', method: 'GET', url: () => '/api/v1/actions?overdue=true', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read the learning worklist', method: 'GET', url: () => '/api/v1/worklist/learning', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an in-scope person’s plans', method: 'GET', url: (w) => `/api/v1/people/${w.people.amira.id}/documents`, expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope person’s plans', method: 'GET', url: (w) => `/api/v1/people/${w.people.ben.id}/documents?on=2026-11-01`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'record a new version of an in-scope person’s support plan', method: 'POST', url: (w) => `/api/v1/people/${w.people.amira.id}/documents`, body: () => ({ kind: 'support_plan', inForceFrom: '2026-11-01', reviewOn: '2027-05-01', summary: 'Evening routine and communication passport.' }), expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'record a new version of an out-of-scope person’s support plan', method: 'POST', url: (w) => `/api/v1/people/${w.people.ben.id}/documents`, body: () => ({ kind: 'risk_assessment', inForceFrom: '2026-11-01', reviewOn: '2027-05-01', summary: 'Community access.' }), expect: answers({ [M]: 404, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'add a course', method: 'POST', url: () => '/api/v1/training/courses', body: (_w, n) => ({ title: `Positive behaviour support ${n}`, validityMonths: 12 }), expect: answers({ [M]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'read training compliance', method: 'GET', url: () => '/api/v1/training/compliance', expect: answers(LEADS_AND_CARE, 403) },
  { name: 'read an out-of-scope service’s training compliance', method: 'GET', url: (w) => `/api/v1/training/compliance?serviceId=${w.services.rowan.id}`, expect: answers({ ...LEADS_AND_CARE, [W]: 404, [M]: 404 }, 403) },
  { name: 'see what my reports led to', method: 'GET', url: () => '/api/v1/my-reports/outcomes', expect: answers({}, 200) },
  { name: 'read the measures catalogue', method: 'GET', url: () => '/api/v1/measures', expect: answers({}, 200) },
  { name: 'read a register measure for an in-scope service', method: 'GET', url: (w) => `/api/v1/measures/restrictions_active/series?scope=service:${w.services.birch.id}`, expect: answers({}, 200) },
  { name: 'read a register measure for an out-of-scope service', method: 'GET', url: (w) => `/api/v1/measures/restrictions_active/series?scope=service:${w.services.rowan.id}`, expect: answers({ [W]: 404, [M]: 404, [C]: 404 }, 200) },
  { name: 'set the organisation’s target for a measure', method: 'PUT', url: () => '/api/v1/measures/incidents/target?scope=organisation', body: (_w, n) => ({ target: n }), expect: answers(SETTERS, 403) },
  { name: 'set an in-scope service’s target for a measure', method: 'PUT', url: (w) => `/api/v1/measures/incidents/target?scope=service:${w.services.birch.id}`, body: () => ({ target: null }), expect: answers(SETTERS, 403) },
  { name: 'mark a change on the organisation’s chart', method: 'POST', url: () => '/api/v1/measures/incidents/annotations?scope=organisation', body: markBody, expect: answers({ [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'mark a change on an in-scope service’s chart', method: 'POST', url: (w) => `/api/v1/measures/incidents/annotations?scope=service:${w.services.birch.id}`, body: markBody, expect: answers({ [M]: 201, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'mark a change on an out-of-scope service’s chart', method: 'POST', url: (w) => `/api/v1/measures/incidents/annotations?scope=service:${w.services.rowan.id}`, body: markBody, expect: answers({ [M]: 404, [S]: 201, [Q]: 201, [A]: 201 }, 403) },
  { name: 'remove a mark from an in-scope service’s chart', method: 'DELETE', url: () => `/api/v1/measures/incidents/annotations/${marks.birch.shift()}`, expect: answers({ [M]: 204, [S]: 204, [Q]: 204, [A]: 204 }, 403) },
  { name: 'remove a mark from an out-of-scope service’s chart', method: 'DELETE', url: () => `/api/v1/measures/incidents/annotations/${marks.rowan.shift()}`, expect: answers({ [M]: 404, [S]: 204, [Q]: 204, [A]: 204 }, 403) },
];

describe.each(testDialects())('access matrix on %s', (dialect) => {
  let database: TestDatabase;
  let app: App;
  let world: World;
  const clients = {} as Record<Role, Client>;
  const records = {} as Records;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    world = await buildWorld(database);
    app = await testApp(database);
    for (const role of roles) clients[role] = await signedIn(app, world.accounts[role].email, PASSWORD, `198.18.0.${roles.indexOf(role) + 1}`);
    const lead = clients[S];
    const made = async (url: string, body: unknown) => {
      const response = await lead.post(url, body);
      if (response.status !== 201) throw new Error(`${url}: ${JSON.stringify(response.body)}`);
      return response.body.id as number;
    };
    records.incident = { birch: await made('/api/v1/incidents', incidentBody(world)), rowan: await made('/api/v1/incidents', incidentBody(world, world.services.rowan.id, world.people.ben.id)) };
    records.concern = { birch: await made('/api/v1/safeguarding-concerns', concernBody(world)), rowan: await made('/api/v1/safeguarding-concerns', concernBody(world, world.services.rowan.id, world.people.ben.id)) };
    const admin = clients[A];
    const complaint = async (serviceId: number) => (await admin.post('/api/v1/complaints', complaintBody(world, serviceId))).body.id as number;
    records.complaint = { birch: await complaint(world.services.birch.id), rowan: await complaint(world.services.rowan.id) };
    records.spareUser = (await admin.post('/api/v1/users', { email: 'spare@test.lantern', name: 'Spare', role: 'support_worker', allServices: false, serviceIds: [world.services.birch.id], password: 'a-long-enough-password' })).body.id;
    records.restriction = { birch: await made('/api/v1/restrictions', restrictionBody(world)), rowan: await made('/api/v1/restrictions', restrictionBody(world, world.services.rowan.id)) };
    records.speakUp = (await clients[W].post('/api/v1/speak-up', { mode: 'named', whatHappened: 'Agency staff are not told about Amira’s plan.' })).body.id;
    for (const [service, list] of [[world.services.birch.id, marks.birch], [world.services.rowan.id, marks.rowan]] as const) {
      list.length = 0;
      for (const _role of roles) list.push((await admin.post(`/api/v1/measures/incidents/annotations?scope=service:${service}`, markBody())).body.id as number);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  let counter = 0;
  const auditCount = async () => (await database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it.each(cases.flatMap((c) => roles.map((role) => [c.name, role, c] as const)))('%s as %s', async (_name, role, c) => {
    counter += 1;
    const before = await auditCount();
    const response = await clients[role].request(c.method, c.url(world, records), c.body?.(world, counter));
    expect({ status: response.status, detail: response.body?.detail }).toMatchObject({ status: c.expect[role] });
    if (response.status >= 400) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await auditCount()).toBe(before); // a refused request changes nothing, not even the trail
    }
  });

  it('lists only services in scope, and only summaries to board members, commissioners and the guardian', async () => {
    for (const role of roles) {
      const { body } = await clients[role].get('/api/v1/services');
      const names = body.items.map((s: { name: string }) => s.name).filter((n: string) => ['Birch House', 'Rowan Court'].includes(n));
      expect(names, role).toEqual([W, M, C].includes(role as never) ? ['Birch House'] : ['Birch House', 'Rowan Court']);
      const birch = body.items.find((s: { name: string }) => s.name === 'Birch House');
      if ([B, C, G].includes(role)) {
        expect(Object.keys(birch).sort(), role).toEqual(['capacity', 'id', 'name', 'regionName', 'type']);
      } else {
        expect(birch.commissioners, role).toEqual([{ id: world.commissioners.leeds.id, name: 'Leeds City Council' }]);
      }
    }
  });

  it('lists only people in scope', async () => {
    const { body: workerView } = await clients[W].get('/api/v1/people');
    expect(workerView.items.every((p: { serviceId: number }) => p.serviceId === world.services.birch.id)).toBe(true);
    const { body: leadView } = await clients[S].get('/api/v1/people');
    expect(leadView.items.map((p: { ref: string }) => p.ref)).toEqual(expect.arrayContaining(['P-AMIRA', 'P-BEN']));
  });

  it(`covers ${cases.length} routes × ${roles.length} roles`, () => {
    expect(cases.length * roles.length).toBeGreaterThanOrEqual(250);
  });
});
