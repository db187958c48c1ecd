// An event rule as its row holds it, on either backend, and as the model has it.
import type { EventRule } from '@pulse/wire/personalization';
import type { PersonalizationStore } from './personalization.js';
import type { StoredRule } from '../model/personalization.js';

export interface RuleRow {
  id: number;
  site_id: number;
  definition: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export const toRule = (row: RuleRow): StoredRule => ({
  id: row.id,
  siteId: row.site_id,
  rule: JSON.parse(row.definition) as EventRule,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The event rules half of the personalization group. */
export type RuleStore = Pick<PersonalizationStore, 'rules' | 'rule' | 'insertRule' | 'updateRule' | 'deleteRule' | 'ruleVersions' | 'addRuleFires' | 'ruleFires'>;
