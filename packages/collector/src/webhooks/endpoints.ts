// Adding and changing a site's webhook endpoints: what may be posted, and the secret shown once.
import { findIndexInOrder } from '../in-order.js';
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import { newWebhookSecret } from './signature.js';
import type { Refusal } from '../validation.js';
import { type WebhookEndpoint, webhookTypes } from '../model/webhook.js';

const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2_048);
const events = z
  .array(z.enum(webhookTypes))
  .min(1)
  .max(webhookTypes.length)
  .transform((types) => webhookTypes.filter((type) => types.includes(type)));
/** The segments whose entries and exits are sent, as Segment and Mautic let a receiver choose; null (the default) for all. */
const segments = z
  .array(z.number().int().positive())
  .min(1, 'must list at least one segment id, or be null for every segment')
  .max(100)
  .transform((ids) => [...new Set(ids)].sort((a, b) => a - b))
  .nullable();

export const newEndpointSchema = z
  .object({
    url,
    events: events.default([...webhookTypes]),
    segments: segments.default(null),
    /** Given when the receiver already has one; else one is made. */
    secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const endpointChangesSchema = z
  .object({ url: url.optional(), events: events.optional(), segments: segments.optional(), enabled: z.boolean().optional() })
  .strict();

export type NewEndpoint = z.output<typeof newEndpointSchema>;
export type EndpointChanges = z.output<typeof endpointChangesSchema>;

/** The first chosen segment that is not the site's, as a refusal naming it. */
async function unknownSegment(store: Pick<Store, 'segments'>, siteId: number, ids: readonly number[] | null | undefined): Promise<Refusal | undefined> {
  const i = await findIndexInOrder(ids ?? [], async (id) => !(await store.segments.find(siteId, id)));
  if (i < 0) return undefined;
  return { field: `segments[${i}]`, message: `segments[${i}]: no segment ${ids![i]} on this site` };
}

/** Adds an endpoint; the secret is in the answer this once, and never listed again. */
export async function addWebhookEndpoint(store: Pick<Store, 'webhooks' | 'segments'>, siteId: number, input: NewEndpoint, now: number): Promise<(WebhookEndpoint & { secret: string }) | Refusal> {
  const refusal = await unknownSegment(store, siteId, input.segments);
  if (refusal) return refusal;
  const secret = input.secret ?? newWebhookSecret();
  return { ...await store.webhooks.insert(siteId, { ...input, secret }, now), secret };
}

export async function changeWebhookEndpoint(
  store: Pick<Store, 'webhooks' | 'segments'>,
  existing: WebhookEndpoint,
  changes: EndpointChanges,
  now: number,
): Promise<WebhookEndpoint | Refusal | undefined> {
  const refusal = await unknownSegment(store, existing.siteId, changes.segments);
  if (refusal) return refusal;
  const { url, events, segments, enabled } = existing;
  return store.webhooks.update(existing.siteId, existing.id, { url, events, segments, enabled, ...changes }, now);
}
