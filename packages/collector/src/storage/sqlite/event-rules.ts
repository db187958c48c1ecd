// Event rules as stored: the current definition, every version, and firings per day.
import type { EventRule } from '@pulse/wire/personalization';
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { RuleVersion } from '../../model/personalization.js';
import { toRule, type RuleRow, type RuleStore } from '../event-rule-rows.js';

export function sqliteEventRules(db: Db, fresh: Freshness): RuleStore {
  const bySite = db.prepare<[number], RuleRow>('SELECT * FROM event_rules WHERE site_id = ? ORDER BY id');
  const insert = db.prepare<[number, string, string, number, number], RuleRow>(
    'INSERT INTO event_rules (site_id, name, definition, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?) RETURNING *',
  );
  const update = db.prepare<[string, string, number, number, number], RuleRow>(
    'UPDATE event_rules SET name = ?, definition = ?, version = version + 1, updated_at = ? WHERE site_id = ? AND id = ? RETURNING *',
  );
  const remove = db.prepare<[number, number]>('DELETE FROM event_rules WHERE site_id = ? AND id = ?');
  const keepVersion = db.prepare<[number, number, number, string, number]>(
    'INSERT INTO event_rule_versions (site_id, rule_id, version, definition, saved_at) VALUES (?, ?, ?, ?, ?)',
  );
  const versions = db.prepare<[number, number], { version: number; definition: string; saved_at: number }>(
    'SELECT version, definition, saved_at FROM event_rule_versions WHERE site_id = ? AND rule_id = ? ORDER BY version DESC',
  );
  const addFires = db.prepare<[number, number, number, number]>(
    'INSERT INTO rule_days (site_id, rule_id, day, fires) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET fires = fires + excluded.fires',
  );
  const fires = db.prepare<[number, number, number], { rule_id: number; fires: number }>(
    'SELECT rule_id, sum(fires) AS fires FROM rule_days WHERE site_id = ? AND day BETWEEN ? AND ? GROUP BY rule_id',
  );
  const copies = fresh.perSite((siteId) => bySite.all(siteId).map(toRule));

  const kept = (row: RuleRow | undefined, now: number) => {
    if (!row) return undefined;
    keepVersion.run(row.site_id, row.id, row.version, row.definition, now);
    return copies.changed(toRule(row));
  };

  return {
    rules: async (siteId: number) => copies.get(siteId),
    rule: async (siteId, id) => copies.get(siteId).find((rule) => rule.id === id),
    insertRule: async (siteId, rule, now) => kept(insert.get(siteId, rule.name, JSON.stringify(rule), now, now), now)!,
    updateRule: async (siteId, id, rule, now) => kept(update.get(rule.name, JSON.stringify(rule), now, siteId, id), now),
    deleteRule: async (siteId, id) => copies.changed(remove.run(siteId, id).changes > 0),
    ruleVersions: async (siteId, ruleId) =>
      versions.all(siteId, ruleId).map((row): RuleVersion => ({ version: row.version, rule: JSON.parse(row.definition) as EventRule, savedAt: row.saved_at })),
    addRuleFires: (siteId, ruleId, day, count) => void addFires.run(siteId, ruleId, day, count),
    ruleFires: async (siteId, fromDay, toDay) => new Map(fires.all(siteId, fromDay, toDay).map((row) => [row.rule_id, row.fires])),
  };
}
