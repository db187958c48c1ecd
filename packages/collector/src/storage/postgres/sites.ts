// Sites on PostgreSQL and the domains each one accepts events from.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { SiteStore } from '../sites.js';
import type { Site } from '../../model/site.js';

// Domains in byte order, as SQLite sorts text, whatever the database's collation.
const siteColumns = `id, key, created_at AS "createdAt",
  ARRAY(SELECT d.domain FROM site_domains d WHERE d.site_id = sites.id ORDER BY d.domain COLLATE "C") AS domains`;

export function pgSites(sql: Sql, copies: Copies): SiteStore {
  const read = (key: string) => sql.row<Site>(`SELECT ${siteColumns} FROM sites WHERE key = $1`, [key]);
  const idOf = async (key: string) => (await sql.row<{ id: number }>('SELECT id FROM sites WHERE key = $1', [key]))?.id;

  // Every ingest request names its site and is checked against its domains: sites are read from
  // PostgreSQL only after they change (a save on any collector: copies.ts). The copies hold the
  // reads themselves, so a read under way when they are emptied is not kept.
  const sites = copies.map<string, Promise<Site | undefined>>('sites.byKey');
  const domains = copies.perSite('sites.domains', async (siteId) => {
    const rows = await sql.rows<{ domain: string }>('SELECT domain FROM site_domains WHERE site_id = $1', [siteId]);
    return new Set(rows.map((row) => row.domain));
  });

  return {
    byKey(key) {
      let kept = sites.get(key);
      if (!kept) {
        const reading = read(key);
        sites.set(key, (kept = reading));
        // Unknown keys are not remembered: anyone may post any key. Nor is a failed read.
        const drop = () => sites.get(key) === reading && sites.delete(key);
        reading.then((site) => site ?? drop(), drop);
      }
      return kept;
    },
    async list() {
      return sql.rows<Site>(`SELECT ${siteColumns} FROM sites ORDER BY id`);
    },
    /** Creates the site, or adds the domains to the site that already has this key. */
    async save(key, newDomains, now) {
      // Looked up first so that saving a known site takes no id; the insert gives way to another
      // collector's insert of the same key, whose site the second look then finds.
      const id =
        (await idOf(key)) ??
        (await sql.row<{ id: number }>('INSERT INTO sites (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id', [key, now]))?.id ??
        (await idOf(key))!;
      sql.run('INSERT INTO site_domains (domain, site_id) SELECT unnest($1::text[]), $2::bigint ON CONFLICT DO NOTHING', [newDomains, id]);
      copies.changed();
      return (await read(key))!;
    },
    /** Whether one of these domains (a host and its parent domains) is registered for the site. */
    async acceptsDomains(siteId, candidates) {
      const accepted = await domains.get(siteId);
      return candidates.some((domain) => accepted.has(domain));
    },
    async anyAcceptsDomains(candidates) {
      return (await sql.row('SELECT 1 FROM site_domains WHERE domain = ANY($1::text[]) LIMIT 1', [candidates])) !== undefined;
    },
  };
}
