import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).default('./data/lantern.sqlite'),
  SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // Re-run pattern detection in the background as records arrive (off in tests that do not exercise it).
  PATTERNS_LIVE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  /** How often `serve` escalates overdue actions and lesson shares (minutes; 0 turns it off). */
  ESCALATION_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
});

export type Config = z.infer<typeof schema>;

/** Read and validate settings once; a bad setting stops start-up with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Lantern cannot start: invalid settings\n${lines.join('\n')}`);
  }
  return parsed.data;
}
