// The Events page as its routes answer it: the events with their points and the site's event rules, with a notice or a refused form.
import type { Context } from 'hono';
import type { PageContext } from './layout.js';
import type { StatsDeps, StatsEnv } from './env.js';
import { eventsOf } from '../reports/events.js';
import { listedRules } from '../reports/personalization.js';
import { EventsPage, type Notice } from './pages/events.js';
import type { RulesData } from './pages/event-rules.js';

/** Where "Pick on my site" opens by default: the demo shop when the site is served by this collector's host, else the home of the site's first domain. */
export function pickerHome(ctx: PageContext, requestUrl: string): string {
  const here = new URL(requestUrl);
  if (ctx.site.domains.includes(here.hostname)) return `${here.origin}/demo/`;
  return ctx.site.domains[0] ? `https://${ctx.site.domains[0]}/` : '';
}

/** What the page says after a rule's form: `?rules=created` and so on. */
export const ruleNotices = { created: 'Rule created: your pages apply it from their next session.', saved: 'Rule saved as a new version.', deleted: 'Rule deleted.' } as const;

/** What the page adds to the usual: a notice, a refused rule form or picker page. */
export interface EventsExtras {
  notice?: Notice;
  draft?: RulesData['draft'];
  wizard?: RulesData['wizard'];
}

export const eventsView =
  ({ store, now }: Pick<StatsDeps, 'store' | 'now'>) =>
  async (c: Context<StatsEnv>, ctx: PageContext, extras: EventsExtras = {}, status: 200 | 400 = 200) => {
    const rules = await listedRules(store, ctx.site.id, now());
    const data: RulesData = {
      rules,
      versions: new Map(await Promise.all(rules.map(async (rule) => [rule.id, await store.personalization.ruleVersions(ctx.site.id, rule.id)] as const))),
      draft: extras.draft,
      wizard: extras.wizard ?? { url: pickerHome(ctx, c.req.url) },
    };
    return c.html(<EventsPage ctx={ctx} events={await eventsOf(store, ctx.site.id, ctx.range)} notice={extras.notice} rules={data} />, status);
  };
