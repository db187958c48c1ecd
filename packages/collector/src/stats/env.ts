// The stats page's environment: what its areas are given, what the sign-in step leaves on each request, and a page's site and range.
import type { Context, Hono } from 'hono';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import type { AdminSession } from '../model/access.js';
import { rangeOf } from '../reports/range.js';
import type { PageContext, Section } from './layout.js';

export interface StatsDeps {
  store: Store;
  writer: EngineWriter;
  profileRules: ProfileRules;
  now: () => number;
  /** The address a request came from, for throttling sign-ins. */
  clientAddress: (c: Context) => string;
  log: (message: string) => void;
}

export type StatsEnv = { Variables: { session: AdminSession } };
/** One area of the stats page (segments, funnels…), mounted under /stats. */
export type StatsApp = Hono<StatsEnv>;

/** A section's page context from the request (its site and range), or the answer refusing a bad query. */
export const pageContext =
  ({ store, now }: Pick<StatsDeps, 'store' | 'now'>) =>
  async (c: Context<StatsEnv>, section: Section): Promise<PageContext | Response> => {
    const sites = await store.sites.list();
    const { site: siteKey, ...rest } = c.req.query();
    const site = sites.find((s) => s.key === siteKey) ?? sites[0];
    if (!site) return c.text('No site yet: add one with `pulse site add DOMAIN`.', 404);
    const range = rangeOf(rest, now());
    if ('problem' in range) return c.text(range.problem, 400);
    return { section, site, sites, range: range.range, csrfToken: c.get('session').csrfToken };
  };
