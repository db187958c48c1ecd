// Adding and changing a site's webhook endpoints: what may be posted, and the secret shown once.
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import { newWebhookSecret } from './signature.js';
import { type WebhookEndpoint, webhookTypes } from '../model/webhook.js';

const url = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2_048);
const events = z
  .array(z.enum(webhookTypes))
  .min(1)
  .max(webhookTypes.length)
  .transform((types) => webhookTypes.filter((type) => types.includes(type)));

export const newEndpointSchema = z
  .object({
    url,
    events: events.default([...webhookTypes]),
    /** Given when the receiver already has one; else one is made. */
    secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const endpointChangesSchema = z.object({ url: url.optional(), events: events.optional(), enabled: z.boolean().optional() }).strict();

export type NewEndpoint = z.output<typeof newEndpointSchema>;
export type EndpointChanges = z.output<typeof endpointChangesSchema>;

/** Adds an endpoint; the secret is in the answer this once, and never listed again. */
export function addWebhookEndpoint(store: Pick<Store, 'webhooks'>, siteId: number, input: NewEndpoint, now: number): WebhookEndpoint & { secret: string } {
  const secret = input.secret ?? newWebhookSecret();
  return { ...store.webhooks.insert(siteId, { ...input, secret }, now), secret };
}

export function changeWebhookEndpoint(store: Pick<Store, 'webhooks'>, existing: WebhookEndpoint, changes: EndpointChanges, now: number): WebhookEndpoint | undefined {
  return store.webhooks.update(existing.siteId, existing.id, { url: existing.url, events: existing.events, enabled: existing.enabled, ...changes }, now);
}
