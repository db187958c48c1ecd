// One visit to the demo shop, in exactly the number of events planned for it: landing, browsing, then as deep into the funnel as the visit goes.
import type { WireEvent } from '../ingest/schema.js';
import type { Product } from './catalog.js';
import { shopPages, withQuery, type Page, type ShopPages } from './pages.js';
import type { Person } from './people.js';
import { between, chance, choose, pick, weighted, type Random } from './random.js';
import type { Arrival } from './sources.js';
import { openTab, type TabOwner } from './tab.js';
import { rating, reviewText, searchQuery } from './texts.js';
import { Depth, fewestEvents } from './visit-plan.js';
import { ruleProp } from '@pulse/wire/personalization';

export interface Shop {
  catalog: Product[];
  pages: ShopPages;
  byCategory: Map<string, Product[]>;
  categories: string[];
  brands: string[];
}

/** The shop under `base`, its products grouped as its filters group them. */
export function shopOf(catalog: Product[], base: string): Shop {
  const byCategory = new Map<string, Product[]>();
  for (const product of catalog) byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
  return { catalog, pages: shopPages(base), byCategory, categories: [...byCategory.keys()], brands: [...new Set(catalog.map((p) => p.brand))] };
}

export interface Visit {
  r: Random;
  person: Person;
  owner: TabOwner;
  arrival: Arrival;
  depth: Depth;
  /** Exactly how many events the visit makes. */
  events: number;
  start: number;
  /** No event may be later than this. */
  latest: number;
  /** A customer on a browser that does not know them yet logs in first. */
  logIn: boolean;
  signUp: boolean;
  /** What they tell at sign-up beyond name and email (birth date, communities, contacts…), made only if they do. */
  social: () => Record<string, unknown>;
  subscribe: boolean;
  /** Something they bought before, which they may review. */
  review: Product | undefined;
  /** The site's wizard rules' ids by event name: the events the shop's pages send no code for come from these. */
  rules: Record<string, number>;
}

export interface VisitResult {
  events: WireEvent[];
  identified: boolean;
  signedUp: boolean;
  subscribed: boolean;
  bought: Product | undefined;
}

interface Line {
  product: Product;
  quantity: number;
}

const phone = '+15550102030';
const quantities = [[1, 85], [2, 12], [3, 3]] as const;
/** What a visitor may do next while browsing; the weights of the first seven depend on the page and the events to spare. */
const browsing = ['product', 'catalog', 'filter', 'sort', 'search', 'add', 'compare', 'call', 'hide'] as const;

/** What the shop's product page sends as it opens. */
const productView = ({ id, name, category, brand, price }: Product) => ({ product_id: id, name, category, brand, price });

export function shopVisit(shop: Shop, visit: Visit): VisitResult {
  const { r, person, arrival } = visit;
  const tab = openTab(r, visit.owner, visit.start, arrival.referrer);
  const result: VisitResult = { events: [], identified: false, signedUp: false, subscribed: false, bought: undefined };
  // Logging in takes the account page and identify, and leaves the product the visit landed on.
  const fewest = (d: Depth) => (visit.logIn ? (d === Depth.Bounce ? 3 : fewestEvents[d] + 3) : fewestEvents[d]);
  let depth = visit.depth;
  while (depth > Depth.Bounce && fewest(depth) > visit.events) depth--;
  if (fewest(depth) > visit.events) throw new Error(`a visit of ${visit.events} events cannot log in`);
  // The last page's engaged time, sent as the tab is hidden, when the visit has an event to spare for it.
  const hiding = visit.events > fewest(depth) && chance(r, 0.5) ? 1 : 0;
  const cart: Line[] = [];
  let viewed = false;
  let loggingIn = visit.logIn;

  const onProduct = () => tab.page?.kind === 'product';
  /** An event of a wizard rule, as the SDK sends it: with the rule's id when the site has that rule. */
  const byRule = (name: string, props: Record<string, unknown>, meanSeconds: number) =>
    tab.track(name, visit.rules[name] === undefined ? props : { ...props, [ruleProp]: visit.rules[name] }, meanSeconds);
  const funnel = (product: boolean, seen: boolean) =>
    depth === Depth.Bounce ? 0 : depth === Depth.Browse ? (seen ? 0 : 2) : (product ? 0 : 2) + 2 + (depth >= Depth.Checkout ? 2 : 0) + (depth >= Depth.Purchase ? 2 : 0);
  /** The events the rest of the visit still needs from a state: the log-in, a product to add, the cart, the checkout, identify and purchase. */
  const needed = (product: boolean, seen: boolean) => (loggingIn ? 2 + funnel(false, seen) : funnel(product, seen));
  const spare = () => visit.events - tab.events - hiding - needed(onProduct(), viewed);
  /** Whether an action of `cost` events leaving the tab in that state still lets the funnel finish. */
  const affords = (cost: number, product = onProduct(), seen = viewed) => visit.events - tab.events - hiding - cost >= needed(product, seen);

  const productFor = (category?: string): Product => {
    const pool = shop.byCategory.get(category ?? (chance(r, 0.5) ? person.interest : ''));
    return pool?.length ? pick(r, pool) : pick(r, shop.catalog);
  };
  /** Opens a page as the first event of an action of `cost` events that leaves the tab in that state. */
  const go = (page: Page, cost: number, product: boolean, seen: boolean) => {
    // Moving on reports the page left behind, when the visit can spare the event.
    if (tab.page && affords(cost + 1, product, seen) && chance(r, 0.85)) tab.engaged();
    tab.open(page, page.kind === 'product' ? 40 : 15);
  };
  /** A product page and its product_view, as part of an action of `cost` events. */
  const view = (product: Product, cost = 2) => {
    go(shop.pages.product(product), cost, true, true);
    tab.track('product_view', productView(product), 2);
    viewed = true;
  };
  const add = (product: Product) => {
    const quantity = weighted(r, quantities);
    const line = cart.find((l) => l.product === product);
    if (line) line.quantity += quantity;
    else cart.push({ product, quantity });
    tab.track('add_to_cart', { product_id: product.id, category: product.category, brand: product.brand, price: product.price, quantity }, 12);
  };

  // Landing: where the link pointed, unless the visit is too short to view a product after a non-product page.
  const landing = arrival.landing === 'product' ? productFor(arrival.category) : undefined;
  const landOnProduct = landing ? affords(2, true, true) : !affords(1, false, false);
  if (landOnProduct) {
    const product = landing ?? productFor(arrival.category);
    tab.open(withQuery(shop.pages.product(product), arrival.query), 0);
    tab.track('product_view', productView(product), 2);
    viewed = true;
  } else {
    const page = arrival.landing === 'catalog' ? shop.pages.catalog(arrival.category ?? person.interest) : shop.pages.root();
    tab.open(withQuery(page, arrival.query), 0);
  }

  const email = person.email;
  const name = `${person.name.first} ${person.name.last}`;
  if (loggingIn) {
    loggingIn = false;
    go(shop.pages.account('orders'), 2, false, viewed);
    tab.identify(email, { email, name }, 20);
    result.identified = true;
  }
  if (visit.review && affords(3, true, true)) {
    const product = visit.review;
    view(product, 3);
    const stars = rating(r, person.grumpy);
    tab.track('review', { product_id: product.id, rating: stars, text: reviewText(r, product, stars) }, 120);
  }
  if (visit.signUp && affords(3, false)) {
    go(shop.pages.account('profile'), 3, false, viewed);
    tab.track('signup', { method: 'account' }, 45);
    const traits = { email, name, gender: person.name.gender, city: person.city, plan: person.plan, ...visit.social() };
    tab.identify(email, traits, 1);
    result.identified = result.signedUp = true;
  }
  if (visit.subscribe && affords(1)) {
    // The footer's newsletter form: no code of the shop's, its wizard rule sends the submit and no identify.
    byRule('newsletter_signup', {}, 20);
    result.subscribed = true;
  }

  // Browsing, with whatever the funnel does not need.
  const weights = [0, 0, 0, 0, 0, 0, 0, 0.6, 2];
  while (spare() > 0) {
    const kind = tab.page!.kind;
    const onList = kind === 'home' || kind === 'catalog';
    weights[0] = affords(2, true, true) ? (onList ? 55 : 35) : 0;
    weights[1] = affords(1, false) ? 18 : 0;
    weights[2] = onList ? 10 : 0;
    weights[3] = onList ? 6 : 0;
    weights[4] = onList ? 8 : 0;
    weights[5] = kind === 'product' && depth >= Depth.Cart ? 8 : 0;
    weights[6] = kind === 'product' ? 4 : 0;
    switch (browsing[choose(r, weights)]) {
      case 'product':
        view(productFor(kind === 'catalog' && chance(r, 0.7) ? person.interest : undefined));
        break;
      case 'catalog':
        go(shop.pages.catalog(chance(r, 0.6) ? (chance(r, 0.7) ? person.interest : pick(r, shop.categories)) : undefined), 1, false, viewed);
        break;
      case 'filter': {
        const x = r();
        tab.track('filter', x < 0.6 ? { category: person.interest } : x < 0.85 ? { brand: pick(r, shop.brands) } : { category: person.interest, brand: pick(r, shop.brands) }, 8);
        break;
      }
      case 'sort':
        tab.track('sort', { by: 'price', order: chance(r, 0.65) ? 'asc' : 'desc' }, 6);
        break;
      case 'search':
        tab.track('search', { query: searchQuery(r) }, 10);
        break;
      case 'add':
        add(tab.page!.product!);
        break;
      case 'compare':
        byRule('compare', { product_id: tab.page!.product!.id }, 8);
        break;
      case 'call':
        tab.track('call_click', { phone }, 20);
        break;
      default:
        // Another tab, then back: the SDK reports the time seen so far.
        tab.engaged();
    }
  }

  // The funnel, in exactly the events left for it.
  if (depth === Depth.Browse && !viewed) view(productFor(arrival.category));
  if (depth >= Depth.Cart) {
    if (!onProduct()) view(productFor(arrival.category));
    add(tab.page!.product!);
    tab.open(shop.pages.cart(), 8);
  }
  if (depth >= Depth.Checkout) {
    tab.open(shop.pages.checkout(), 20);
    const value = Math.round(cart.reduce((sum, l) => sum + l.product.price * l.quantity, 0) * 100) / 100;
    tab.track('checkout_start', { value, currency: 'USD', items: cart.reduce((n, l) => n + l.quantity, 0) }, 1);
    if (depth === Depth.Purchase) {
      // The checkout form: name, email and phone, then Place order.
      tab.identify(email, { name, email, phone: person.phone }, 90);
      const items = cart.map((l) => ({ product_id: l.product.id, category: l.product.category, brand: l.product.brand, price: l.product.price, quantity: l.quantity }));
      const orderId = `MM-${visit.start.toString(36)}-${between(r, 0, 36 ** 4 - 1).toString(36).padStart(4, '0')}`.toUpperCase();
      tab.track('purchase', { order_id: orderId, value, currency: 'USD', items }, 0);
      result.identified = true;
      result.bought = cart[0]!.product;
    }
  }
  if (hiding) tab.engaged();
  result.events = tab.finish(visit.latest);
  if (result.events.length !== visit.events) throw new Error(`a visit planned ${visit.events} events and made ${result.events.length}`);
  return result;
}
