import { z } from 'zod';
import { id, isoInstant, nonEmptyText } from './common.js';
import { endOfWorkingDaysAfter } from './working-days.js';

export const complaintKinds = ['complaint', 'feedback', 'compliment'] as const;
export const complaintRaisers = ['person', 'family', 'advocate', 'professional', 'staff', 'anonymous'] as const;
export const complaintChannels = ['in_person', 'phone', 'email', 'letter', 'online', 'other'] as const;
export const complaintOutcomes = ['upheld', 'partly_upheld', 'not_upheld'] as const;

/** Working days allowed to acknowledge and to respond; a provider may change them. */
export const complaintTimescalesSchema = z.strictObject({
  acknowledgeWorkingDays: z.number().int().min(1).max(30),
  respondWorkingDays: z.number().int().min(1).max(120),
});
export type ComplaintTimescales = z.infer<typeof complaintTimescalesSchema>;
// Acknowledge within 3 working days as the NHS and social care complaints regulations (2009) expect; 20 working days to respond is common local practice.
export const defaultComplaintTimescales: ComplaintTimescales = { acknowledgeWorkingDays: 3, respondWorkingDays: 20 };

const theme = z.string().trim().toLowerCase().min(2).max(60);
const isoDateTime = isoInstant('Use a date and time such as 2026-11-26T10:00:00Z');

export const complaintInput = z.strictObject({
  ref: z.string().trim().min(1).max(60).optional(),
  kind: z.enum(complaintKinds),
  serviceId: id,
  personId: id.optional(),
  receivedAt: isoDateTime,
  raisedBy: z.enum(complaintRaisers),
  channel: z.enum(complaintChannels),
  subject: nonEmptyText(200),
  narrative: nonEmptyText(10_000),
  themes: z.array(theme).max(20).default([]),
});
export type ComplaintInput = z.infer<typeof complaintInput>;

export const complaintUpdate = z.strictObject({
  acknowledgedAt: isoDateTime.optional(),
  respondedAt: isoDateTime.optional(),
  outcome: z.enum(complaintOutcomes).optional(),
  themes: z.array(theme).max(20).optional(),
  responseSummary: z.string().trim().max(4000).optional(),
}).refine((u) => Object.keys(u).length > 0, 'Name at least one change');

export const complaintSchema = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  kind: z.enum(complaintKinds),
  serviceId: z.number(),
  serviceName: z.string(),
  person: z.object({ id: z.number(), displayName: z.string() }).nullable(),
  receivedAt: z.string(),
  raisedBy: z.enum(complaintRaisers),
  channel: z.enum(complaintChannels),
  subject: z.string(),
  narrative: z.string(),
  themes: z.array(z.string()),
  outcome: z.enum(complaintOutcomes).nullable(),
  acknowledgedAt: z.string().nullable(),
  respondedAt: z.string().nullable(),
  responseSummary: z.string().nullable(),
  timescales: z.object({
    acknowledgeBy: z.string(),
    respondBy: z.string(),
    isAcknowledgedInTime: z.boolean().nullable(),
    isRespondedInTime: z.boolean().nullable(),
    isOverdue: z.boolean(),
  }),
});
export type Complaint = z.infer<typeof complaintSchema>;

/**
 * When a complaint must be acknowledged and answered: the end (UK time) of the Nth working day after it was
 * received, counting England and Wales bank holidays; compliments and feedback still get a reply.
 */
export function complaintDeadlines(receivedAt: string, t: ComplaintTimescales) {
  return {
    acknowledgeBy: endOfWorkingDaysAfter(receivedAt, t.acknowledgeWorkingDays).toISOString(),
    respondBy: endOfWorkingDaysAfter(receivedAt, t.respondWorkingDays).toISOString(),
  };
}

/** Whether each step happened in time (null while not yet done) and whether anything is overdue now. */
export function complaintTimeliness(c: { receivedAt: string; acknowledgedAt: string | null; respondedAt: string | null }, t: ComplaintTimescales, now: Date) {
  const due = complaintDeadlines(c.receivedAt, t);
  const isAcknowledgedInTime = c.acknowledgedAt ? c.acknowledgedAt <= due.acknowledgeBy : null;
  const isRespondedInTime = c.respondedAt ? c.respondedAt <= due.respondBy : null;
  const nowIso = now.toISOString();
  const isOverdue = (!c.acknowledgedAt && nowIso > due.acknowledgeBy) || (!c.respondedAt && nowIso > due.respondBy);
  return { ...due, isAcknowledgedInTime, isRespondedInTime, isOverdue };
}
