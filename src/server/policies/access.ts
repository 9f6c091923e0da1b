import type { Role } from '../../domain/roles.js';
import { forbidden, notFound } from '../errors.js';
import type { AnyActor } from './actor.js';

/** Kinds of thing a request can touch. `service_summary` is a service without person-level detail. */
export type Resource =
  | 'organisation'
  | 'region'
  | 'commissioner'
  | 'service'
  | 'service_summary'
  | 'person'
  | 'staff'
  | 'occupancy'
  | 'user'
  | 'api_token'
  | 'audit'
  | 'incident'
  | 'safeguarding_concern'
  | 'speak_up'
  | 'speak_up_identity'
  | 'complaint'
  | 'setting'
  | 'restriction'
  | 'restriction_challenge'
  | 'practice_review'
  | 'import'
  /** A measure's stored target for a scope, and its chart annotations (recalculations and action markers). */
  | 'measure_target'
  | 'measure_annotation'
  | 'pattern'
  /** Findings that name a member of staff (over-represented in restraint). */
  | 'pattern_staff'
  /** Learning responses, lessons (and their shares), actions, a person's versioned plans, and training. */
  | 'learning_response' | 'lesson' | 'action' | 'person_document' | 'training'
  /** Closing an action as effective when its evaluation says otherwise (with a reason): the leads' call. */
  | 'action_verdict';

export type Action = 'read' | 'create' | 'update' | 'delete';

type Grants = Partial<Record<Resource, readonly Action[]>>;

const R: readonly Action[] = ['read'];
const RW: readonly Action[] = ['read', 'create', 'update'];
const ALL: readonly Action[] = ['read', 'create', 'update', 'delete'];
const C: readonly Action[] = ['create'];

// Deny by default: anything not listed here is refused. Scope (which services) is applied
// separately by `serviceScope`, so a grant here never widens what a user can see.
const grants: Record<Role, Grants> = {
  admin: {
    learning_response: ALL, lesson: ALL, action: ALL, person_document: ALL, training: ALL,
    organisation: ALL, region: ALL, commissioner: ALL, service: ALL, service_summary: R,
    person: ALL, staff: ALL, occupancy: ALL, user: ALL, api_token: ALL, audit: R,
    incident: ALL, safeguarding_concern: ALL, speak_up: C, complaint: ALL, setting: ALL,
    restriction: ALL, restriction_challenge: ALL, practice_review: ALL, import: C,
    pattern: RW,
    measure_target: ['update'], measure_annotation: ['create', 'delete'], action_verdict: ['update'],
  },
  service_manager: {
    learning_response: RW, lesson: RW, action: RW, person_document: RW, training: RW,
    organisation: R, region: R, commissioner: R, service: R, service_summary: R,
    person: RW, staff: RW, occupancy: RW, incident: RW, safeguarding_concern: RW, speak_up: C, complaint: RW,
    restriction: RW, restriction_challenge: RW, practice_review: RW,
    pattern: ['read', 'update'],
    // Annotations only on their own services' and people's charts (checked in the measures service).
    measure_annotation: ['create', 'delete'],
  },
  safeguarding_lead: {
    learning_response: RW, lesson: RW, action: RW, person_document: RW, training: R,
    organisation: R, region: R, commissioner: R, service: R, service_summary: R, person: R, staff: R, occupancy: R,
    incident: RW, safeguarding_concern: RW, speak_up: C, complaint: R,
    restriction: RW, restriction_challenge: RW, practice_review: RW,
    // Who is over-represented in restraint is for the safeguarding and quality leads alone.
    pattern: RW, pattern_staff: R,
    measure_annotation: ['create', 'delete'], action_verdict: ['update'],
  },
  quality_lead: {
    learning_response: RW, lesson: RW, action: RW, person_document: RW, training: RW,
    organisation: R, region: R, commissioner: R, service: R, service_summary: R, person: R, staff: R, occupancy: R,
    incident: RW, safeguarding_concern: R, speak_up: C, complaint: RW, setting: R,
    restriction: RW, restriction_challenge: RW, practice_review: RW, import: C,
    pattern: RW, pattern_staff: R,
    measure_target: ['update'], measure_annotation: ['create', 'delete'], action_verdict: ['update'],
  },
  // Workers record what happened; reviewing and changing records is for managers and leads.
  support_worker: { learning_response: R, lesson: R, action: R, person_document: R, training: R, organisation: R, service: R, service_summary: R, person: R, staff: R, incident: ['read', 'create'], safeguarding_concern: ['read', 'create'], speak_up: C, complaint: ['read', 'create'],
    restriction: R, restriction_challenge: C, practice_review: R,
  },
  // Only the guardian reads speak-up reports and the identity of confidential reporters; not even admins.
  speak_up_guardian: { learning_response: ['read', 'create'], lesson: R, organisation: R, region: R, service_summary: R, speak_up: RW, speak_up_identity: R, restriction_challenge: C },
  board_member: { organisation: R, region: R, service_summary: R, occupancy: R, speak_up: C },
  commissioner: { organisation: R, service_summary: R },
};

/** Whether the actor's role allows this action on this kind of record (before scope). */
export function can(actor: AnyActor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'system') return true;
  return grants[actor.role][resource]?.includes(action) ?? false;
}

/** Refuse with 403 when the role can never do this. */
export function authorize(actor: AnyActor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/** The services whose records the actor may see: 'all' or a list of ids. */
export function serviceScope(actor: AnyActor): 'all' | readonly number[] {
  return actor.kind === 'system' ? 'all' : actor.services;
}

/** Whether a service lies inside the actor's scope. */
export function isInScope(actor: AnyActor, serviceId: number): boolean {
  const scope = serviceScope(actor);
  return scope === 'all' || scope.includes(serviceId);
}

/** Answer 404 for a record outside scope, exactly as for one that does not exist. */
export function assertInScope(actor: AnyActor, serviceId: number | null | undefined, what = 'record'): void {
  if (serviceId == null || !isInScope(actor, serviceId)) throw notFound(what);
}

/** The full grant table, for the access-matrix test and the admin documentation. */
export function grantTable(): Readonly<Record<Role, Grants>> {
  return grants;
}
