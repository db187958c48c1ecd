// The demo shop's site as its admin would set it up: its hosts, points for its events, segments worth watching, and wizard rules for what its pages send no code for.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { addSite } from '../sites/sites.js';
import { defaultPoints } from '../score/definition.js';
import { presetSegment } from '../segments/presets.js';
import { saveSegment } from '../jobs/segments.js';
import { saveFunnel } from '../jobs/funnels.js';
import type { Site } from '../model/site.js';
import type { DefinitionChanges } from '../model/definition.js';
import type { Rule } from '../model/rule.js';
import type { FunnelDefinition } from '../model/funnel.js';
import { parseEventRule } from '../personalization/validate.js';
import type { EventRuleInput } from '@pulse/wire/personalization';

/** The hosts `pulse start --demo` registers the demo shop for. */
const shopHosts = ['localhost', '127.0.0.1'];

/** The site with this key, made for the demo shop's hosts (created at `createdAt`) when there is none yet. Throws on a malformed key. */
export async function shopSite(store: Pick<Store, 'definitions' | 'segments' | 'sites'>, key: string, createdAt: number): Promise<Site> {
  return await store.sites.byKey(key) ?? await addSite(store, shopHosts, createdAt, key);
}

/** Where the shop's pages are: under /demo/ of a collector on this machine, else at the root of the site's first domain. */
export function shopBase(site: Site): string {
  const local = shopHosts.find((host) => site.domains.includes(host));
  if (local) return `http://${local}:8787/demo/`;
  if (site.domains.length === 0) throw new Error(`site ${site.key} has no domain to send events from`);
  return `https://${site.domains[0]}/`;
}

// The specification's scale: looking costs little, intent (cart, checkout, a call) more, buying most.
const definitions: Record<string, DefinitionChanges> = {
  page: { dailyCap: 30 },
  product_view: { points: 2, dailyCap: 40 },
  search: { points: 1 },
  add_to_cart: { points: 5 },
  checkout_start: { points: 10 },
  purchase: { points: 20, rules: [{ prop: 'value', op: 'gte', value: 300, points: 40 }] },
  review: { points: 5 },
  signup: { points: 10 },
  call_click: { points: 10 },
  newsletter_signup: { points: 5 },
  compare: { points: 2 },
};

/** What the shop's pages carry no tracking code for, made with the event wizard as its admin would with the picker. */
export const shopRules: EventRuleInput[] = [
  { name: 'newsletter_signup', on: 'submit', selector: '#newsletter' },
  { name: 'compare', on: 'click', selector: '[data-action="compare"]', props: [{ name: 'product_id', from: 'data-product-id' }] },
];

/** The site's event rules' ids by the name of the event each makes: what the events they make carry as $rule. */
export const ruleIds = async (store: Pick<Store, 'personalization'>, site: Site): Promise<Record<string, number>> =>
  Object.fromEntries((await store.personalization.rules(site.id)).map((stored) => [stored.rule.name, stored.id]));

/** Saves the shop's wizard rules the site has none of by that name. */
export async function saveShopRules(deps: { store: Pick<Store, 'personalization'>; writer: EngineWriter }, site: Site, now: number): Promise<void> {
  const had = await ruleIds(deps.store, site);
  for (const rule of shopRules) {
    if (had[rule.name] !== undefined) continue;
    const saved = await deps.writer.run('saveEventRule', { siteId: site.id, rule: parseEventRule(rule), now });
    if ('field' in saved) throw new Error(`the shop's rule ${rule.name} was refused: ${saved.message}`);
  }
}

const segments: { name: string; rules: Rule }[] = [
  presetSegment('ecommerce_buyers', {}),
  presetSegment('category_lovers', { category: 'Coffee' }),
  presetSegment('category_virgins', { category: 'Audio' }),
  presetSegment('high_interest', { brand: 'Sonora' }),
  presetSegment('price_hunters', { category: 'Kitchen' }),
  { name: 'Hot leads', rules: { score: { gte: 40 } } },
  { name: 'Mobile shoppers', rules: { device: ['phone', 'tablet'] } },
  { name: 'Pro members', rules: { trait: 'plan', equals: 'pro' } },
  { name: 'North America', rules: { country: ['US', 'CA'] } },
  { name: 'Big spenders', rules: { event: 'purchase', withinDays: 90, sum: 'value', range: { gte: 300 } } },
  { name: 'Unhappy reviewers', rules: { event: 'review', where: [{ prop: 'rating', op: 'lte', value: 2 }], withinDays: 90, count: { gte: 1 } } },
];

// The shop's way to an order, as its admin would watch it: a day from looking at a product to paying.
export const checkoutFunnel: FunnelDefinition = {
  name: 'Checkout',
  steps: ['product_view', 'add_to_cart', 'checkout_start', 'purchase'].map((event) => ({ event, where: [] })),
  windowMinutes: 1_440,
};

/**
 * Gives a site without segments the shop's points, segments, checkout funnel and wizard rules, as of `now`; event names an
 * admin already defined keep their settings. A site that has segments is left as its admin made it.
 */
export async function setUpShop(deps: { store: Pick<Store, 'definitions' | 'segments' | 'funnels' | 'personalization'>; writer: EngineWriter }, site: Site, now: number): Promise<boolean> {
  const { store } = deps;
  if ((await store.segments.list(site.id)).length > 0) return false;
  for (const [name, changes] of Object.entries(definitions)) {
    if (!await store.definitions.find(site.id, name)) await deps.writer.run('saveDefinition', { siteId: site.id, name, changes, defaultPoints: defaultPoints[name] ?? 0, now });
  }
  for (const segment of segments) await saveSegment({ ...deps, now: () => now }, site.id, segment);
  await saveFunnel({ ...deps, log: () => {}, now: () => now }, site.id, undefined, checkoutFunnel);
  await saveShopRules(deps, site, now);
  return true;
}
