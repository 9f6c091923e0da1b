import { z } from 'zod';
import { id, isoDate, nonEmptyText } from './common.js';
import { contributoryFactors } from './contributory-factors.js';
import { effectVerdicts, unjudgeableReason, type EffectVerdictCode } from './effectiveness.js';
import { measureCatalogue } from './measures.js';
import { addCalendarDays, addWorkingDays } from './working-days.js';
import { formatDay } from './dates.js';

// Closing the loop (issue 5): learning responses → lessons → shares and actions → changed plans and training.

/** PSIRF learning responses, stored as DOMAIN.md §3.1 names them, plus a local type such as a round-table review. */
export const learningResponseTypes = ['AAR', 'SWARM_huddle', 'MDT_review', 'thematic_review', 'PSII', 'local_review'] as const;
export type LearningResponseType = (typeof learningResponseTypes)[number];
export const learningResponseTypeLabels: Record<LearningResponseType, string> = {
  AAR: 'After action review',
  SWARM_huddle: 'SWARM huddle',
  MDT_review: 'Multidisciplinary review',
  thematic_review: 'Thematic review',
  PSII: 'Patient safety incident investigation (PSII)',
  local_review: 'Local review',
};

export const learningResponseStatuses = ['in_progress', 'completed'] as const;

/** What a learning response or lesson can draw on: a record of any source, or a detected pattern (by its key). */
export const evidenceSources = [
  'incident', 'safeguarding_concern', 'complaint', 'speak_up', 'practice_review', 'restriction', 'pattern',
] as const;
export type EvidenceSource = (typeof evidenceSources)[number];
export const evidenceSourceLabels: Record<EvidenceSource, string> = {
  incident: 'Incident', safeguarding_concern: 'Safeguarding concern', complaint: 'Complaint or feedback', speak_up: 'Speak-up report',
  practice_review: 'Restrictive practice review', restriction: 'Restriction', pattern: 'Detected pattern',
};

export const evidenceInput = z.union([
  z.strictObject({ source: z.enum(evidenceSources).exclude(['pattern']), id }),
  z.strictObject({ source: z.literal('pattern'), key: nonEmptyText(200) }),
]);
export type EvidenceInput = z.infer<typeof evidenceInput>;

export const evidenceSchema = z.object({
  source: z.enum(evidenceSources),
  id: z.number().nullable(),
  key: z.string().nullable(),
  label: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const participantsInput = z.strictObject({
  person: z.boolean(),
  family: z.boolean(),
  advocate: z.boolean(),
  staff: z.boolean(),
  names: z.array(nonEmptyText(200)).max(40).default([]),
});

export const learningResponseInput = z.strictObject({
  type: z.enum(learningResponseTypes),
  title: nonEmptyText(300),
  /** Absent for an organisation-wide response (only for people who see every service). */
  serviceId: id.optional(),
  startedOn: isoDate,
  findings: z.string().trim().max(20_000).default(''),
  participants: participantsInput,
  /** The records (or pattern) it starts from; their contributory factors are brought along. */
  evidence: z.array(evidenceInput).max(200).default([]),
  /** When absent, the factors recorded on the evidence are used. */
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).optional(),
  status: z.enum(learningResponseStatuses).default('in_progress'),
});
export type LearningResponseInput = z.infer<typeof learningResponseInput>;

export const learningResponseUpdate = z.strictObject({
  title: nonEmptyText(300).optional(),
  findings: z.string().trim().max(20_000).optional(),
  status: z.enum(learningResponseStatuses).optional(),
  participants: participantsInput.optional(),
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).optional(),
});
export type LearningResponseUpdate = z.infer<typeof learningResponseUpdate>;

export const lessonScopeTypes = ['person', 'service', 'organisation'] as const;
export type LessonScopeType = (typeof lessonScopeTypes)[number];

export const lessonScopeInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('person'), id }),
  z.strictObject({ type: z.literal('service'), id }),
  z.strictObject({ type: z.literal('organisation') }),
]);

export const lessonSummarySchema = z.object({ id: z.number(), statement: z.string() });

export const learningResponseSchema = z.object({
  id: z.number(),
  type: z.enum(learningResponseTypes),
  typeLabel: z.string(),
  title: z.string(),
  service: z.object({ id: z.number(), name: z.string() }).nullable(),
  startedOn: z.string(),
  status: z.enum(learningResponseStatuses),
  findings: z.string(),
  participants: z.object({ person: z.boolean(), family: z.boolean(), advocate: z.boolean(), staff: z.boolean(), names: z.array(z.string()) }),
  evidence: z.array(evidenceSchema),
  contributoryFactors: z.array(z.enum(contributoryFactors)),
  lessons: z.array(lessonSummarySchema),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type LearningResponse = z.infer<typeof learningResponseSchema>;

export const lessonInput = z.strictObject({
  statement: nonEmptyText(4000),
  scope: lessonScopeInput,
  learningResponseId: id.optional(),
  /** When absent, taken from the learning response. */
  contributoryFactors: z.array(z.enum(contributoryFactors)).max(19).optional(),
  /** When absent, taken from the learning response. */
  evidence: z.array(evidenceInput).max(200).optional(),
});
export type LessonInput = z.infer<typeof lessonInput>;

// Shares: the receiving service says whether the lesson applies to them and what they did.
export const shareAnswers = ['yes', 'no', 'partly'] as const;
export type ShareAnswer = (typeof shareAnswers)[number];
/** Working days a receiving service has to answer, unless the sharer sets a date. */
export const SHARE_ANSWER_WORKING_DAYS = 20;

export function defaultShareDueOn(sharedOn: string): string {
  return addWorkingDays(sharedOn, SHARE_ANSWER_WORKING_DAYS);
}

export const shareInput = z.strictObject({
  serviceIds: z.array(id).min(1, 'Name at least one service').max(500),
  dueOn: isoDate.optional(),
});
export type ShareInput = z.infer<typeof shareInput>;

export const shareAnswerInput = z.strictObject({
  applies: z.enum(shareAnswers),
  whatWeDid: z.string().trim().max(8000).default(''),
}).refine((a) => a.applies === 'no' || a.whatWeDid.length > 0, { path: ['whatWeDid'], message: 'Say what you did' });
export type ShareAnswerInput = z.infer<typeof shareAnswerInput>;

export const shareSchema = z.object({
  id: z.number(),
  lessonId: z.number(),
  service: z.object({ id: z.number(), name: z.string() }),
  sharedOn: z.string(),
  dueOn: z.string(),
  isOverdue: z.boolean(),
  answeredAt: z.string().nullable(),
  applies: z.enum(shareAnswers).nullable(),
  whatWeDid: z.string().nullable(),
  answeredBy: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});
export type Share = z.infer<typeof shareSchema>;

export function isShareOverdue(s: { dueOn: string; answeredAt: string | null }, today: string): boolean {
  return s.answeredAt === null && s.dueOn < today;
}

export const coverageSchema = z.object({ shared: z.number(), answered: z.number(), overdue: z.number(), text: z.string() });
export type Coverage = z.infer<typeof coverageSchema>;

/** "acknowledged by 11 of 14 services, 3 overdue". */
export function coverage(shares: readonly { dueOn: string; answeredAt: string | null }[], today: string): Coverage {
  const shared = shares.length;
  const answered = shares.filter((s) => s.answeredAt !== null).length;
  const overdue = shares.filter((s) => isShareOverdue(s, today)).length;
  const services = shared === 1 ? 'service' : 'services';
  const text = shared === 0
    ? 'not shared with other services'
    : `acknowledged by ${answered} of ${shared} ${services}${overdue ? `, ${overdue} overdue` : ''}`;
  return { shared, answered, overdue, text };
}

// Actions.
export const actionTypes = [
  'risk_assessment', 'support_plan', 'behaviour_support_plan', 'workforce_development', 'environment', 'policy', 'staffing', 'other',
] as const;
export type ActionType = (typeof actionTypes)[number];
export const actionTypeLabels: Record<ActionType, string> = {
  risk_assessment: 'Update a risk assessment',
  support_plan: 'Revise support plan guidance',
  behaviour_support_plan: 'Revise behaviour support plan guidance',
  workforce_development: 'Targeted workforce development',
  environment: 'Change to the environment',
  policy: 'Policy or procedure',
  staffing: 'Staffing',
  other: 'Other',
};

export const documentKinds = ['risk_assessment', 'support_plan', 'behaviour_support_plan'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindLabels: Record<DocumentKind, string> = {
  risk_assessment: 'Risk assessment', support_plan: 'Support plan', behaviour_support_plan: 'Behaviour support plan',
};

/** An action of these types completes only when a new version of the person's document is recorded. */
export function completesByDocument(type: ActionType): type is DocumentKind {
  return (documentKinds as readonly string[]).includes(type);
}

export const actionStatuses = ['open', 'in_progress', 'completed', 'closed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = { open: 'Open', in_progress: 'In progress', completed: 'Completed', closed: 'Closed' };

/** Statuses move forward only: open → in progress → completed → closed (open may go straight to completed). */
export function canMoveAction(from: ActionStatus, to: ActionStatus): boolean {
  return actionStatuses.indexOf(to) > actionStatuses.indexOf(from);
}

export type Verdict = EffectVerdictCode;
export const closeOutcomes = ['effective', 'not_effective', 'superseded'] as const;
export type CloseOutcome = (typeof closeOutcomes)[number];

export const measureScopeTypes = ['person', 'service', 'region', 'organisation'] as const;
export const measureKeys = measureCatalogue.map((m) => m.key) as [string, ...string[]];

export const measureScopeInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('person'), id }),
  z.strictObject({ type: z.literal('service'), id }),
  z.strictObject({ type: z.literal('region'), id }),
  z.strictObject({ type: z.literal('organisation') }),
]);
export type MeasureScopeInput = z.infer<typeof measureScopeInput>;

export const actionInput = z.strictObject({
  lessonId: id,
  type: z.enum(actionTypes),
  description: nonEmptyText(4000),
  /** Who carries it out: a Lantern user, or a member of staff without an account. */
  owner: z.strictObject({ userId: id.optional(), staffId: id.optional() })
    .refine((o) => o.userId !== undefined || o.staffId !== undefined, { message: 'Name the owner: a user or a member of staff' }),
  dueOn: isoDate,
  /** The measure the action should move, and where. */
  measure: z.strictObject({
    // An action must name a measure its verdict can be judged on (a count or rate of events with a better direction).
    key: z.string().refine((k) => measureKeys.includes(k), 'No such measure')
      .superRefine((k, ctx) => {
        const measure = measureCatalogue.find((m) => m.key === k);
        const reason = measure ? unjudgeableReason(measure) : null;
        if (reason) ctx.addIssue({ code: 'custom', message: reason });
      }),
    scope: measureScopeInput,
  }),
  /** For a risk assessment or plan: whose (defaults to the measure's person). */
  personId: id.optional(),
  reviewOn: isoDate.optional(),
  actionDate: isoDate.optional(),
});
export type ActionInput = z.infer<typeof actionInput>;

/** The review date when none is given: about three months after the action is due. */
export function defaultReviewOn(dueOn: string): string {
  return addCalendarDays(dueOn, 91);
}

export const actionUpdate = z.strictObject({
  status: z.enum(actionStatuses).optional(),
  completionEvidence: nonEmptyText(8000).optional(),
  actionDate: isoDate.optional(),
  dueOn: isoDate.optional(),
  reviewOn: isoDate.optional(),
  /** When closing: how it ended. Closing as effective needs an `effective` verdict, or a lead's override reason. */
  closedAs: z.enum(closeOutcomes).optional(),
  overrideReason: nonEmptyText(4000).optional(),
});
export type ActionUpdate = z.infer<typeof actionUpdate>;

export function isActionOverdue(a: { dueOn: string; status: ActionStatus }, today: string): boolean {
  return (a.status === 'open' || a.status === 'in_progress') && a.dueOn < today;
}

export const actionSchema = z.object({
  id: z.number(),
  lesson: lessonSummarySchema,
  type: z.enum(actionTypes),
  typeLabel: z.string(),
  description: z.string(),
  serviceId: z.number().nullable(),
  personId: z.number().nullable(),
  owner: z.object({ userId: z.number().nullable(), staffId: z.number().nullable(), name: z.string() }),
  dueOn: z.string(),
  status: z.enum(actionStatuses),
  isOverdue: z.boolean(),
  completionEvidence: z.string().nullable(),
  completedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedAs: z.enum(closeOutcomes).nullable(),
  measure: z.object({ key: z.string(), name: z.string(), scope: z.object({ type: z.enum(measureScopeTypes), id: z.number().nullable() }) }),
  actionDate: z.string().nullable(),
  reviewOn: z.string(),
  verdict: z.enum(effectVerdicts).nullable(),
  verdictExplanation: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overrideBy: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  /** The document versions that completed it ("changed because of …"). */
  documents: z.array(z.object({ id: z.number(), kind: z.enum(documentKinds), version: z.number(), personId: z.number() })),
  trainingAssigned: z.number(),
  createdAt: z.string(),
});
export type Action = z.infer<typeof actionSchema>;

export const lessonSchema = z.object({
  id: z.number(),
  statement: z.string(),
  scope: z.object({ type: z.enum(lessonScopeTypes), id: z.number().nullable(), name: z.string() }),
  serviceId: z.number().nullable(),
  learningResponse: z.object({ id: z.number(), title: z.string(), type: z.enum(learningResponseTypes) }).nullable(),
  contributoryFactors: z.array(z.enum(contributoryFactors)),
  evidence: z.array(evidenceSchema),
  coverage: coverageSchema,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Lesson = z.infer<typeof lessonSchema>;

export const lessonDetailSchema = lessonSchema.extend({ shares: z.array(shareSchema), actions: z.array(actionSchema) });
export type LessonDetail = z.infer<typeof lessonDetailSchema>;

// A person's versioned documents.
export const MAX_ATTACHMENT_BYTES = 512 * 1024;
export const documentInput = z.strictObject({
  kind: z.enum(documentKinds),
  inForceFrom: isoDate,
  reviewOn: isoDate,
  summary: nonEmptyText(20_000),
  attachment: z.strictObject({
    name: nonEmptyText(200),
    contentType: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'Use a media type such as application/pdf').max(100),
    /** The file, base64-encoded; at most 512 KB once decoded. */
    base64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4, 'At most 512 KB').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not base64'),
  }).optional(),
  /** The action this version completes; records the lesson that changed it. */
  actionId: id.optional(),
}).refine((d) => d.reviewOn >= d.inForceFrom, { path: ['reviewOn'], message: 'The review date is before the version comes into force' });
export type DocumentInput = z.infer<typeof documentInput>;

export const documentSchema = z.object({
  id: z.number(),
  personId: z.number(),
  kind: z.enum(documentKinds),
  kindLabel: z.string(),
  version: z.number(),
  inForceFrom: z.string(),
  /** The day the next version took over; null while in force. */
  supersededOn: z.string().nullable(),
  reviewOn: z.string(),
  summary: z.string(),
  attachment: z.object({ name: z.string(), contentType: z.string(), size: z.number() }).nullable(),
  author: z.string(),
  changedBecause: z.object({ lessonId: z.number(), actionId: z.number().nullable(), statement: z.string(), text: z.string() }).nullable(),
  createdAt: z.string(),
});
export type PersonDocument = z.infer<typeof documentSchema>;

/** The version of each kind in force on a date: the latest version whose in-force date is on or before it. */
export function inForceOn<T extends { kind: string; version: number; inForceFrom: string }>(versions: readonly T[], on: string): T[] {
  const best = new Map<string, T>();
  for (const v of versions) {
    if (v.inForceFrom > on) continue;
    const current = best.get(v.kind);
    if (!current || v.inForceFrom > current.inForceFrom || (v.inForceFrom === current.inForceFrom && v.version > current.version)) best.set(v.kind, v);
  }
  return [...best.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

export function changedBecauseText(statement: string): string {
  return `Changed because of the lesson: “${statement}”`;
}

// Training.
export const courseInput = z.strictObject({
  title: nonEmptyText(300),
  description: z.string().trim().max(4000).default(''),
  validityMonths: z.number().int().min(1).max(120).nullable().default(null),
});
export type CourseInput = z.infer<typeof courseInput>;
export const courseSchema = z.object({ id: z.number(), title: z.string(), description: z.string(), validityMonths: z.number().nullable() });

/** Assign a course to named staff and/or everyone working at whole services (workforce development). */
export const assignmentInput = z.strictObject({
  courseId: id,
  staffIds: z.array(id).max(2000).default([]),
  serviceIds: z.array(id).max(500).default([]),
  actionId: id.optional(),
  dueOn: isoDate.optional(),
}).refine((a) => a.staffIds.length + a.serviceIds.length > 0, { path: ['staffIds'], message: 'Name staff or services' });
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const assignmentSchema = z.object({
  id: z.number(),
  course: z.object({ id: z.number(), title: z.string() }),
  staff: z.object({ id: z.number(), name: z.string() }),
  actionId: z.number().nullable(),
  assignedOn: z.string(),
  dueOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const completionInput = z.strictObject({ completedOn: isoDate });

/** When a completion stops counting: `months` after completion (same day of month, clamped to its end). */
export function expiryDate(completedOn: string, months: number | null): string | null {
  if (months === null) return null;
  const [y, m, d] = completedOn.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const year = y + Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export type TrainingState = 'outstanding' | 'completed' | 'expired';
export function trainingState(a: { completedOn: string | null; expiresOn: string | null }, today: string): TrainingState {
  if (a.completedOn === null) return 'outstanding';
  return a.expiresOn !== null && a.expiresOn < today ? 'expired' : 'completed';
}

export const complianceSchema = z.object({
  services: z.array(z.object({
    serviceId: z.number(),
    serviceName: z.string(),
    assigned: z.number(),
    completed: z.number(),
    expired: z.number(),
    outstanding: z.number(),
    /** Completed and still valid, as a share of everything assigned (0–100), or null when nothing is assigned. */
    percentCompliant: z.number().nullable(),
  })),
});

/** A date as shown to people: 2026-11-26 → "26 Nov 2026". */
export const plainDate = formatDay;

// "You said, we did".
export const outcomeActionSchema = z.object({ typeLabel: z.string(), description: z.string(), status: z.enum(actionStatuses), text: z.string() });
export const outcomeLessonSchema = z.object({ statement: z.string(), actions: z.array(outcomeActionSchema) });
export const reportOutcomeSchema = z.object({
  source: z.enum(['incident', 'safeguarding_concern', 'complaint']),
  id: z.number(),
  ref: z.string().nullable(),
  reportedOn: z.string(),
  text: z.string(),
  lessons: z.array(outcomeLessonSchema),
});
export const myOutcomesSchema = z.object({ items: z.array(reportOutcomeSchema) });
export type ReportOutcome = z.infer<typeof reportOutcomeSchema>;

/** One action in plain words: "Revise support plan guidance: … (completed 26 Nov 2026)". */
export function actionInPlainWords(a: { type: ActionType; description: string; status: ActionStatus; completedOn: string | null; dueOn: string }): string {
  const when = a.status === 'completed' || a.status === 'closed'
    ? `done${a.completedOn ? ` on ${plainDate(a.completedOn)}` : ''}`
    : `planned, due by ${plainDate(a.dueOn)}`;
  return `${actionTypeLabels[a.type]}: ${a.description} (${when}).`;
}

/** The headline for one report: what it led to, in plain words. */
export function outcomeText(what: string, reportedOn: string, lessons: number, actions: number): string {
  const day = plainDate(reportedOn);
  if (lessons === 0) return `You reported ${what} on ${day}. No lessons have been recorded from it yet.`;
  const l = `${lessons} lesson${lessons === 1 ? '' : 's'}`;
  const a = actions === 0 ? 'no actions yet' : `${actions} action${actions === 1 ? '' : 's'}`;
  return `You reported ${what} on ${day}. It led to ${l} and ${a}.`;
}

// Worklist.
export const learningWorklistSchema = z.object({
  actions: z.array(actionSchema),
  shares: z.array(shareSchema.extend({ lessonStatement: z.string() })),
});
