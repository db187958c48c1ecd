// The seed command's settings, checked with zod as the CLI's other settings are.
import { z } from 'zod';

export const seedOptionsSchema = z
  .object({
    events: z.coerce.number().int().min(1).max(1_000_000_000).default(5_000_000),
    /** People, each a profile; one per ten events unless set. */
    profiles: z.coerce.number().int().min(1).optional(),
    days: z.coerce.number().int().min(1).max(400).default(90),
    site: z.string().min(1).default('demo'),
  })
  .transform((options) => ({ ...options, profiles: options.profiles ?? Math.max(1, Math.round(options.events / 10)) }))
  .refine((options) => options.profiles <= options.events, { path: ['profiles'], message: 'must not exceed --events: every profile starts with an event' });

export type SeedOptions = z.infer<typeof seedOptionsSchema>;
