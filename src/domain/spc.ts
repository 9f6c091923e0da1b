import { z } from 'zod';

export const MAX_SPC_VALUES = 100_000;

/** A request to chart a series as an XmR chart (DOMAIN.md §4); indices are 0-based. */
export const spcRequest = z.strictObject({
  values: z.array(z.number({ message: 'Each value must be a number' })).min(1, 'Give at least one value').max(MAX_SPC_VALUES, `At most ${MAX_SPC_VALUES.toLocaleString('en-GB')} values`),
  improvement: z.enum(['increase', 'decrease', 'neither']),
  target: z.number().optional(),
  recalculateAt: z.array(z.number().int('Use whole-number indices')).max(1000).optional(),
  baseline: z.number().int('Use a whole number of points').min(2, 'A baseline needs at least 2 points').optional(),
  profile: z.enum(['mdc', 'nhsrplotthedots']).optional(),
}).superRefine((r, ctx) => {
  r.recalculateAt?.forEach((index, i) => {
    if (index < 1 || index > r.values.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['recalculateAt', i], message: `A recalculation starts a new partition: use an index from 1 to ${r.values.length - 1}` });
    }
  });
  if (r.baseline !== undefined && r.baseline > r.values.length) {
    ctx.addIssue({ code: 'custom', path: ['baseline'], message: `The baseline cannot be longer than the series (${r.values.length} points)` });
  }
});
export type SpcRequest = z.infer<typeof spcRequest>;

export const spcPointSchema = z.object({
  value: z.number(),
  mean: z.number(),
  upl: z.number().nullable(),
  lpl: z.number().nullable(),
  upperTwoSigma: z.number().nullable(),
  lowerTwoSigma: z.number().nullable(),
  classification: z.enum(['common', 'improvement', 'concern', 'neutral']),
  rules: z.array(z.enum(['single_point', 'shift', 'trend', 'two_sigma'])),
});

export const spcResponse = z.object({
  points: z.array(spcPointSchema),
  limitsShown: z.boolean(),
  variationIcon: z.enum(['common_cause', 'improvement_high', 'improvement_low', 'concern_high', 'concern_low', 'neutral_high', 'neutral_low']).nullable(),
  assuranceIcon: z.enum(['pass', 'fail', 'hit_and_miss']).nullable(),
});
