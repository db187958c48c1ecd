// Sites and the domains each one accepts events from.
import type { Db } from './database.js';

export interface Site {
  id: number;
  key: string;
  domains: string[];
  createdAt: number;
}

export function siteStatements(db: Db) {
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
  const siteHasDomain = db.prepare<[number, string]>(
    'SELECT 1 FROM site_domains WHERE site_id = ? AND domain = ?',
  );
  const anySiteHasDomain = db.prepare<[string]>('SELECT 1 FROM site_domains WHERE domain = ? LIMIT 1');

  const toSite = (row: { id: number; key: string; created_at: number }): Site => ({
    id: row.id,
    key: row.key,
    createdAt: row.created_at,
    domains: domainsOf.all(row.id).map((d) => d.domain),
  });

  return {
    findSiteByKey(key: string): Site | undefined {
      const row = byKey.get(key);
      return row && toSite(row);
    },
    listSites(): Site[] {
      return all.all().map(toSite);
    },
    /** Creates the site, or adds the domains to the site that already has this key. */
    saveSite(key: string, domains: string[], now: number): Site {
      return db.transaction(() => {
        const existing = byKey.get(key);
        const id = existing ? existing.id : Number(insertSite.run(key, now).lastInsertRowid);
        for (const domain of domains) insertDomain.run(domain, id);
        return toSite(byKey.get(key)!);
      })();
    },
    /** Whether one of these domains (a host and its parent domains) is registered for the site. */
    siteAcceptsDomains(siteId: number, domains: string[]): boolean {
      return domains.some((domain) => siteHasDomain.get(siteId, domain) !== undefined);
    },
    anySiteAcceptsDomains(domains: string[]): boolean {
      return domains.some((domain) => anySiteHasDomain.get(domain) !== undefined);
    },
  };
}
