// What admins and telephony send about calls, as zod schemas: pools and numbers, the call itself, the site's call settings.
// zod as @hono/zod-openapi extends it: the API describes these same schemas in its OpenAPI document.
import { z } from '@hono/zod-openapi';
import { e164 } from './phone.js';

const number = z
  .string()
  .max(40)
  .transform((value, ctx) => e164(value) ?? (ctx.addIssue({ code: 'custom', message: 'must be a phone number in international format, e.g. +7 495 123-45-67' }), z.NEVER));

/** A CSS selector, kept short and free of markup: the browser is the one to parse it. */
const selector = z.string().trim().min(1).max(200).regex(/^[^<>{}]+$/, 'must be a CSS selector');

export const poolInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    default_number: number,
    published_number: number.nullable().optional(),
    selector: selector.nullable().optional(),
    numbers: z.array(number).max(5_000).default([]),
    hold_minutes: z.number().int().min(1).max(24 * 60).default(15),
  })
  .strict()
  .refine((pool) => pool.published_number || pool.selector, { path: ['published_number'], message: 'or selector is required: where the numbers go on the page' })
  .refine((pool) => new Set(pool.numbers).size === pool.numbers.length, { path: ['numbers'], message: 'must not list a number twice' });
export type PoolInput = z.infer<typeof poolInputSchema>;

export const staticNumberSchema = z
  .object({
    number,
    source: z.string().trim().min(1).max(100),
    campaign: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export type StaticNumberInput = z.infer<typeof staticNumberSchema>;

/** When the call began: an ISO 8601 date-time with its offset, or epoch milliseconds. */
const moment = z.union([z.number().int().min(0), z.iso.datetime({ offset: true }).transform((value) => Date.parse(value))], {
  error: 'must be an ISO 8601 date-time with its offset, or epoch milliseconds',
});

export const callInputSchema = z
  .object({
    call_id: z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
    called_number: number,
    caller_number: z.string().trim().min(1).max(40),
    started_at: moment,
    duration_s: z.number().int().min(0).max(7 * 24 * 3600),
    answered: z.boolean(),
    recording_url: z.url({ protocol: /^https?$/ }).max(2048).nullable().optional(),
  })
  .strict();
export type CallInput = z.infer<typeof callInputSchema>;

export const callSettingsSchema = z.object({ store_callers: z.boolean() }).strict();
