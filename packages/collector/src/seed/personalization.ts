// The demo shop's personalization at first start: wizard rules for its newsletter and Compare buttons, and a hero that greets keen coffee buyers, phones and newcomers each their own way.
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { parsePlacement } from '../personalization/validate.js';
import { presetSegment } from '../segments/presets.js';
import { saveSegment } from '../jobs/segments.js';
import { saveShopRules, shopBase } from './setup.js';
import type { Refusal } from '../validation.js';
import type { Site } from '../model/site.js';

/** The category whose High Interest visitors the hero speaks to. */
export const heroCategory = 'Coffee';
/** The key the browser knows that segment by. */
export const heroSegmentKey = 'high-interest-coffee';

/** The home page's hero, its variants highest priority first; images and links are paths of the shop's own folder. */
function heroPlacement(site: Site) {
  const at = (path: string) => {
    const url = new URL(path, shopBase(site));
    return url.pathname + url.search + url.hash;
  };
  const banner = (image: string, title: string, text: string, cta: string, link: string) => ({ kind: 'content', image: at(image), alt: '', title, text, cta, link: at(link) });
  return parsePlacement({
    id: 'hero',
    label: 'Home hero',
    variants: [
      {
        name: `High Interest: ${heroCategory}`,
        priority: 30,
        when: { segments: [heroSegmentKey] },
        content: banner('promo/coffee.svg', 'Your coffee corner, restocked', 'The Gooseneck Kettle is back, with fresh single-origin beans. Free grind-size advice with any coffee gear this week.', 'Shop coffee', `index.html?category=${heroCategory}`),
      },
      {
        name: 'Phones',
        priority: 20,
        when: { devices: ['phone'] },
        content: banner('promo/phone.svg', 'Free express shipping from your phone', 'Order on your phone today and it ships express, free. Checkout takes under a minute.', 'Start shopping', 'index.html#catalog'),
      },
      {
        name: 'New visitors',
        priority: 10,
        when: { groups: ['new'] },
        content: banner('promo/welcome.svg', 'Welcome! 10% off your first order', 'New here? Use code HELLO10 at checkout. Free shipping and 30-day returns, as always.', 'Shop the collection', 'index.html#catalog'),
      },
      {
        name: 'Autumn sale',
        priority: 0,
        when: {},
        content: banner('promo/autumn-sale.svg', 'The Autumn Sale: up to 30% off', 'Kettles, cast iron, trail kit and headphones, marked down until Sunday.', 'Shop the sale', 'index.html#catalog'),
      },
    ],
  });
}

/** What a writer command answered, or a loud failure: the demo's own settings must always be valid. */
function saved<T extends object>(answer: T | Refusal | undefined, what: string): T {
  if (!answer || 'field' in answer) throw new Error(`the demo's ${what} was refused: ${answer ? answer.message : 'no answer'}`);
  return answer;
}

/**
 * Gives a site without placements the shop's wizard rules (those it lacks: the history's setup saves them
 * first), its High Interest segment for coffee shown to browsers, and the hero placement, as of `now`.
 * A site with a placement is left as its admin made it, so this runs once; a segment of that name is reused.
 */
export async function shopPersonalizationOnFirstStart(
  deps: { store: Pick<Store, 'personalization' | 'segments'>; writer: EngineWriter },
  site: Site,
  now: number,
  log: (message: string) => void,
): Promise<boolean> {
  const { store, writer } = deps;
  if ((await store.personalization.placements(site.id)).length > 0) return false;
  await saveShopRules(deps, site, now);
  const preset = presetSegment('high_interest', { category: heroCategory });
  const segment = (await store.segments.list(site.id)).find((existing) => existing.name === preset.name) ?? saved(await saveSegment({ writer, now: () => now }, site.id, preset), 'segment');
  saved(await writer.run('exposeSegment', { siteId: site.id, segmentId: segment.id, key: heroSegmentKey }), 'segment key');
  saved(await writer.run('savePlacement', { siteId: site.id, placement: heroPlacement(site), now }), 'hero placement');
  log(`demo: the shop's hero placement and its wizard rules (newsletter_signup, compare) set up; ${preset.name} is shown to browsers as ${heroSegmentKey}`);
  return true;
}
