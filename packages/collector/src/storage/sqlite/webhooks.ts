// Webhooks as stored: the endpoints and their outbox, one group for the rest of Pulse.
import type { Db } from './database.js';
import type { WebhookStore } from '../webhooks.js';
import type { Freshness } from './freshness.js';
import { sqliteEndpoints } from './webhook-endpoints.js';
import { sqliteOutbox } from './webhook-outbox.js';

export const sqliteWebhooks = (db: Db, fresh: Freshness): WebhookStore => ({ ...sqliteEndpoints(db, fresh), ...sqliteOutbox(db) });
