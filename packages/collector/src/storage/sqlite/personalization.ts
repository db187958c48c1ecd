// Personalization's storage group, put together from its two files: event rules and placements.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { PersonalizationStore } from '../personalization.js';
import { sqliteEventRules } from './event-rules.js';
import { sqlitePlacements } from './placements.js';

export const sqlitePersonalization = (db: Db, fresh: Freshness): PersonalizationStore => ({ ...sqliteEventRules(db, fresh), ...sqlitePlacements(db, fresh) });
