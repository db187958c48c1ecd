// Personalization's storage group, put together from its files: event rules, placements and the visitor's facts.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { PersonalizationStore } from '../personalization.js';
import { sqliteEventRules } from './event-rules.js';
import { sqlitePlacements } from './placements.js';
import { sqliteVisitorFacts } from './visitor-facts.js';

export const sqlitePersonalization = (db: Db, fresh: Freshness): PersonalizationStore => ({
  ...sqliteEventRules(db, fresh),
  ...sqlitePlacements(db, fresh),
  ...sqliteVisitorFacts(db),
});
