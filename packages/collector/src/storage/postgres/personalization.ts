// Personalization's storage group on PostgreSQL, put together from its files: event rules, placements and the visitor's facts.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { PersonalizationStore } from '../personalization.js';
import { pgEventRules } from './event-rules.js';
import { pgPlacements } from './placements.js';
import { pgVisitorFacts } from './visitor-facts.js';

export const pgPersonalization = (sql: Sql, copies: Copies): PersonalizationStore => ({
  ...pgEventRules(sql, copies),
  ...pgPlacements(sql, copies),
  ...pgVisitorFacts(sql),
});
