// Sites and the domains each one accepts events from.
import type { Db } from './database.js';
import type { SiteStore } from '../sites.js';
import type { Freshness } from './freshness.js';
import type { Site } from '../../model/site.js';

export function sqliteSites(db: Db, fresh: Freshness): SiteStore {
  const byKey = db.prepare<[string], { id: number; key: string; created_at: number }>(
    'SELECT id, key, created_at FROM sites WHERE key = ?',
  );
  const domainsOf = db.prepare<[number], { domain: string }>(
    'SELECT domain FROM site_domains WHERE site_id = ? ORDER BY domain',
  );
  const all = db.prepare<[], { id: number; key: string; created_at: number }>(
    'SELECT id, key, created_at FROM sites ORDER BY id',
  );
  const insertSite = db.prepare<[string, number]>('INSERT INTO sites (key, created_at) VALUES (?, ?)');
  const insertDomain = db.prepare<[string, number]>(
    'INSERT OR IGNORE INTO site_domains (domain, site_id) VALUES (?, ?)',
  );
  const anySiteHasDomain = db.prepare<[string]>('SELECT 1 FROM site_domains WHERE domain = ? LIMIT 1');

  const toSite = (row: { id: number; key: string; created_at: number }): Site => ({
    id: row.id,
    key: row.key,
    createdAt: row.created_at,
    domains: domainsOf.all(row.id).map((d) => d.domain),
  });

  // Every ingest request names its site and is checked against its domains: sites are read from
  // SQLite only after they change (this connection's saves, or another's commit: freshness.ts).
  const sites = new Map<string, Site>();
  const domains = new Map<number, Set<string>>();
  fresh.onChange(() => (sites.clear(), domains.clear()));
  const domainsOfSite = (siteId: number) => {
    let set = domains.get(siteId);
    if (!set) domains.set(siteId, (set = new Set(domainsOf.all(siteId).map((d) => d.domain))));
    return set;
  };

  return {
    async byKey(key: string): Promise<Site | undefined> {
      fresh.check();
      let site = sites.get(key);
      if (site) return site;
      // Unknown keys are not remembered: anyone may post any key.
      const row = byKey.get(key);
      if (row) sites.set(key, (site = toSite(row)));
      return site;
    },
    async list(): Promise<Site[]> {
      return all.all().map(toSite);
    },
    /** Creates the site, or adds the domains to the site that already has this key. */
    async save(key: string, domains: string[], now: number): Promise<Site> {
      return db.transaction(() => {
        const existing = byKey.get(key);
        const id = existing ? existing.id : Number(insertSite.run(key, now).lastInsertRowid);
        for (const domain of domains) insertDomain.run(domain, id);
        fresh.clear();
        return toSite(byKey.get(key)!);
      })();
    },
    /** Whether one of these domains (a host and its parent domains) is registered for the site. */
    async acceptsDomains(siteId: number, candidates: string[]): Promise<boolean> {
      fresh.check();
      const accepted = domainsOfSite(siteId);
      return candidates.some((domain) => accepted.has(domain));
    },
    async anyAcceptsDomains(domains: string[]): Promise<boolean> {
      return domains.some((domain) => anySiteHasDomain.get(domain) !== undefined);
    },
  };
}
