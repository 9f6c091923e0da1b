import { z } from 'zod';
import { roles } from './roles.js';

export const passwordRules = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(200, 'At most 200 characters');

export const signInBody = z.strictObject({
  email: z.string().trim().min(1, 'Required').max(254),
  password: z.string().min(1, 'Required').max(200),
});
export type SignInBody = z.infer<typeof signInBody>;

export const userSummary = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
});
export type UserSummary = z.infer<typeof userSummary>;

export const signInResponse = z.object({ user: userSummary, csrfToken: z.string() });

export const meResponse = z.object({
  user: userSummary,
  csrfToken: z.string(),
  allServices: z.boolean(),
  services: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type Me = z.infer<typeof meResponse>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'Required').max(200),
  newPassword: passwordRules,
});
