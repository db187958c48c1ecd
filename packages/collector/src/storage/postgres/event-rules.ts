// Event rules on PostgreSQL: the current definition, every version, and firings per day.
import type { EventRule } from '@pulse/wire/personalization';
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { RuleVersion } from '../../model/personalization.js';
import { toRule, type RuleRow, type RuleStore } from '../event-rule-rows.js';

const columns = 'id, site_id, definition, version, created_at, updated_at';

export function pgEventRules(sql: Sql, copies: Copies): RuleStore {
  const rules = copies.perSite('personalization.rules', async (siteId) =>
    (await sql.rows<RuleRow>(`SELECT ${columns} FROM event_rules WHERE site_id = $1 ORDER BY id`, [siteId])).map(toRule),
  );

  const kept = (row: RuleRow | undefined, now: number) => {
    if (!row) return undefined;
    sql.run('INSERT INTO event_rule_versions (site_id, rule_id, version, definition, saved_at) VALUES ($1, $2, $3, $4, $5)', [
      row.site_id,
      row.id,
      row.version,
      row.definition,
      now,
    ]);
    return rules.changed(toRule(row));
  };

  return {
    rules: (siteId) => rules.get(siteId),
    rule: async (siteId, id) => (await rules.get(siteId)).find((rule) => rule.id === id),
    insertRule: async (siteId, rule, now) =>
      kept(
        await sql.row<RuleRow>(
          `INSERT INTO event_rules (site_id, name, definition, version, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, $4) RETURNING ${columns}`,
          [siteId, rule.name, JSON.stringify(rule), now],
        ),
        now,
      )!,
    // A second collector's update waits for the first's row and counts on from its version.
    updateRule: async (siteId, id, rule, now) =>
      kept(
        await sql.row<RuleRow>(
          `UPDATE event_rules SET name = $1, definition = $2, version = version + 1, updated_at = $3 WHERE site_id = $4 AND id = $5 RETURNING ${columns}`,
          [rule.name, JSON.stringify(rule), now, siteId, id],
        ),
        now,
      ),
    deleteRule: async (siteId, id) => rules.changed((await sql.rows('DELETE FROM event_rules WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id])).length > 0),
    ruleVersions: async (siteId, ruleId) =>
      (await sql.rows<{ version: number; definition: string; saved_at: number }>(
        'SELECT version, definition, saved_at FROM event_rule_versions WHERE site_id = $1 AND rule_id = $2 ORDER BY version DESC',
        [siteId, ruleId],
      )).map((row): RuleVersion => ({ version: row.version, rule: JSON.parse(row.definition) as EventRule, savedAt: row.saved_at })),
    addRuleFires: (siteId, ruleId, day, count) =>
      sql.run(
        'INSERT INTO rule_days (site_id, rule_id, day, fires) VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, rule_id, day) DO UPDATE SET fires = rule_days.fires + excluded.fires',
        [siteId, ruleId, day, count],
      ),
    ruleFires: async (siteId, fromDay, toDay) => {
      const rows = await sql.rows<{ rule_id: number; fires: number }>(
        'SELECT rule_id, sum(fires)::bigint AS fires FROM rule_days WHERE site_id = $1 AND day BETWEEN $2 AND $3 GROUP BY rule_id ORDER BY rule_id',
        [siteId, fromDay, toDay],
      );
      return new Map(rows.map((row) => [row.rule_id, row.fires]));
    },
  };
}
