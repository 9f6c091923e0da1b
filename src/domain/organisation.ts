import { z } from 'zod';
import { employmentTypes, legalStatuses, serviceTypes } from './codes.js';
import { roles } from './roles.js';
import { id, isoDate, nonEmptyText } from './common.js';

export const organisationSchema = z.object({ id: z.number(), name: z.string() });
export const organisationUpdate = z.strictObject({ name: nonEmptyText(200) });

export const regionInput = z.strictObject({ name: nonEmptyText(120) });
export const regionSchema = z.object({ id: z.number(), name: z.string(), serviceCount: z.number() });
export type Region = z.infer<typeof regionSchema>;

export const commissionerInput = z.strictObject({ name: nonEmptyText(200) });
export const commissionerSchema = z.object({ id: z.number(), name: z.string() });
export type Commissioner = z.infer<typeof commissionerSchema>;

const serviceFields = {
  ref: z.string().trim().max(60).optional(),
  name: nonEmptyText(160),
  type: z.enum(serviceTypes),
  regionId: id,
  capacity: z.number().int().min(0).max(10_000),
  registrationNumber: z.string().trim().max(40).optional(),
  commissionerIds: z.array(id).max(50),
};
export const serviceInput = z.strictObject({ ...serviceFields, commissionerIds: serviceFields.commissionerIds.default([]) });
export type ServiceInput = z.infer<typeof serviceInput>;
// Updates carry only what changes: no defaults, or a PATCH would reset fields it does not mention.
export const serviceUpdate = z.strictObject(serviceFields).partial();

export const serviceSchema = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  name: z.string(),
  type: z.enum(serviceTypes),
  regionId: z.number(),
  regionName: z.string(),
  capacity: z.number(),
  registrationNumber: z.string().nullable(),
  commissioners: z.array(commissionerSchema),
});
export type Service = z.infer<typeof serviceSchema>;

/** What board members and commissioners see of a service: no person-level detail. */
export const serviceSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  type: z.enum(serviceTypes),
  regionName: z.string(),
  capacity: z.number(),
});

const personFields = {
  ref: z.string().trim().min(1, 'Required').max(40),
  displayName: nonEmptyText(120),
  serviceId: id,
  learningDisability: z.boolean(),
  autism: z.boolean(),
  legalStatus: z.enum(legalStatuses),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
};
const endNotBeforeStart = (p: { startDate?: string; endDate?: string | null }) =>
  !p.startDate || !p.endDate || p.endDate >= p.startDate;
const endMessage = { message: 'The end date must be on or after the start date', path: ['endDate'] };

export const personInput = z.strictObject(personFields).refine(endNotBeforeStart, endMessage);
export type PersonInput = z.infer<typeof personInput>;
export const personUpdate = z.strictObject(personFields).partial().refine(endNotBeforeStart, endMessage);

export const personSchema = z.object({
  id: z.number(),
  ref: z.string(),
  displayName: z.string(),
  serviceId: z.number(),
  serviceName: z.string(),
  learningDisability: z.boolean(),
  autism: z.boolean(),
  legalStatus: z.enum(legalStatuses),
  startDate: z.string(),
  endDate: z.string().nullable(),
});
export type Person = z.infer<typeof personSchema>;

const staffFields = {
  ref: z.string().trim().max(40).optional(),
  name: nonEmptyText(120),
  jobTitle: nonEmptyText(120),
  employmentType: z.enum(employmentTypes),
  serviceIds: z.array(id).min(1, 'Choose at least one service').max(50),
  active: z.boolean(),
};
export const staffInput = z.strictObject({ ...staffFields, active: staffFields.active.default(true) });
export type StaffInput = z.infer<typeof staffInput>;
export const staffUpdate = z.strictObject(staffFields).partial();

export const staffSchema = z.object({
  id: z.number(),
  ref: z.string().nullable(),
  name: z.string(),
  jobTitle: z.string(),
  employmentType: z.enum(employmentTypes),
  active: z.boolean(),
  services: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type Staff = z.infer<typeof staffSchema>;

export const occupancyInput = z.strictObject({
  serviceId: id,
  days: z
    .array(z.strictObject({ date: isoDate, occupiedDays: z.number().min(0).max(10_000) }))
    .min(1)
    .max(1000),
});
export const occupancyMonth = z.object({ month: z.string(), occupiedDays: z.number(), daysRecorded: z.number() });

export const userInput = z.strictObject({
  email: z.email('Enter a valid email address').max(254),
  name: nonEmptyText(120),
  role: z.enum(roles),
  allServices: z.boolean(),
  serviceIds: z.array(id).max(500).default([]),
  commissionerId: id.nullable().optional(),
  password: z.string().min(12, 'Use at least 12 characters').max(200),
});
export const userUpdate = z.strictObject({
  name: nonEmptyText(120).optional(),
  role: z.enum(roles).optional(),
  allServices: z.boolean().optional(),
  serviceIds: z.array(id).max(500).optional(),
  commissionerId: id.nullable().optional(),
  disabled: z.boolean().optional(),
});
export const userSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  allServices: z.boolean(),
  disabled: z.boolean(),
  commissionerId: z.number().nullable(),
  services: z.array(z.object({ id: z.number(), name: z.string() })),
  lastSignInAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const apiTokenInput = z.strictObject({ name: nonEmptyText(80), expiresInDays: z.number().int().min(1).max(730).default(365) });
export const apiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityKind: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  summary: z.string().nullable(),
});
