// Sites and the domains each one accepts events from.
import type { Site } from '../model/site.js';

export interface SiteStore {
  byKey(key: string): Promise<Site | undefined>;
  list(): Promise<Site[]>;
  /** Creates the site, or adds the domains to the site that already has this key. */
  save(key: string, domains: string[], now: number): Promise<Site>;
  /** Whether one of these domains (a host and its parent domains) is registered for the site. */
  acceptsDomains(siteId: number, candidates: string[]): Promise<boolean>;
  anyAcceptsDomains(domains: string[]): Promise<boolean>;
}
