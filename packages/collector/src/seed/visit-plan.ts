// What a visit is for — where it comes from, how deep into the funnel it goes, how many events it takes — drawn first from the visit's own stream.
import { chance, random, repeats, weighted, type Random } from './random.js';
import { channelQuality, firstChannels, returnChannels, type Channel } from './sources.js';

/** How deep into the shop's funnel a visit goes. */
export const Depth = { Bounce: 0, Browse: 1, Cart: 2, Checkout: 3, Purchase: 4 } as const;
export type Depth = (typeof Depth)[keyof typeof Depth];

/** The fewest events that reach each depth: the landing page, a product view, the add and the cart page, the checkout, identify and purchase. */
export const fewestEvents = [1, 2, 4, 6, 8] as const;

export interface VisitPlan {
  /** The visit's stream, after the draws below: everything else about the visit is drawn from it too. */
  r: Random;
  channel: Channel;
  depth: Depth;
  /** How many events the visit would make; the schedule stretches or shrinks the browsing to fit the total asked for. */
  events: number;
}

// Out of 100 visits: first visits bounce more, returning ones buy more.
const firstDepths = [40, 46.5, 8, 3.5, 2];
const returnDepths = [27, 48, 12, 7, 6];

/** The same person and visit number always give the same plan, so planning and replaying agree. */
export function planVisit(seed: number, person: number, visit: number): VisitPlan {
  const r = random(seed, person, visit + 2);
  const first = visit === 0;
  const channel = weighted(r, first ? firstChannels : returnChannels);
  const quality = channelQuality[channel];
  const [bounce, browse, cart, checkout, purchase] = first ? firstDepths : returnDepths;
  const depth = weighted(r, [[Depth.Bounce, bounce! / quality], [Depth.Browse, browse!], [Depth.Cart, cart! * quality], [Depth.Checkout, checkout! * quality], [Depth.Purchase, purchase! * quality]] as const);
  // Some bounces report the page's engaged time as the tab closes; deeper visits browse a few more pages on average.
  const events = depth === Depth.Bounce ? 1 + (chance(r, 0.5) ? 1 : 0) : fewestEvents[depth] + repeats(r, 0.8, 200);
  return { r, channel, depth, events };
}
