// Webhooks on PostgreSQL: the endpoints and their outbox, one group for the rest of Pulse.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { WebhookStore } from '../webhooks.js';
import { pgEndpoints } from './webhook-endpoints.js';
import { pgOutbox } from './webhook-outbox.js';

export const pgWebhooks = (sql: Sql, copies: Copies): WebhookStore => ({ ...pgEndpoints(sql, copies), ...pgOutbox(sql) });
