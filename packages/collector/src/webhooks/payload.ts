// What a webhook says: the kinds of change (segments, groups, callback requests), and the JSON body each one is POSTed with.
import type { WebhookPayload, WebhookSubject, WebhookType } from '../model/webhook.js';
import { randomUUID } from 'node:crypto';
import type { Lifecycle } from '../model/profile.js';

export function webhookPayload(type: WebhookType, site: string, profile: { id: number; userId: string | null }, subject: WebhookSubject, at: number): WebhookPayload {
  return { id: randomUUID(), type, site, occurred_at: new Date(at).toISOString(), profile: { id: profile.id, user_id: profile.userId }, ...subject };
}
