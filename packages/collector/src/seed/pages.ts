// The demo shop's pages as the SDK reports them: the URL, path and document title of each.
import type { Product } from './catalog.js';

export interface Page {
  url: string;
  /** The URL's path, which the SDK reports with a page's engaged time. */
  path: string;
  title: string;
  kind: 'home' | 'catalog' | 'product' | 'cart' | 'checkout' | 'account';
  product?: Product;
}

const shop = ' — Maple & Moss';
const home = `Maple & Moss — Coffee, kitchen, outdoor and audio goods`;

/** Adds query parameters (a campaign's, a filter's) to a page's URL. */
export const withQuery = (page: Page, query: string): Page =>
  query ? { ...page, url: `${page.url}${page.url.includes('?') ? '&' : '?'}${query}` } : page;

/** The pages under `base`, the shop's folder URL (http://localhost:8787/demo/ when the collector serves it). */
export function shopPages(base: string) {
  const folder = new URL(base).pathname;
  const page = (file: string, title: string, kind: Page['kind'], query = '', product?: Product): Page => ({
    url: `${base}${file}${query}`,
    path: `${folder}${file}`,
    title,
    kind,
    ...(product ? { product } : {}),
  });
  // Pages are made once and shared by every visit: nothing changes them.
  const made = new Map<string, Page>();
  const once = (key: string, make: () => Page) => made.get(key) ?? made.set(key, make()).get(key)!;
  return {
    /** The shop's root, as typed or bookmarked; links inside the shop go to index.html. */
    root: () => once('root', () => page('', home, 'home')),
    catalog: (category?: string) =>
      once(`catalog ${category ?? ''}`, () => page('index.html', home, 'catalog', category ? `?category=${encodeURIComponent(category)}` : '')),
    product: (product: Product) => once(`product ${product.id}`, () => page('product.html', product.name + shop, 'product', `?id=${product.id}`, product)),
    cart: () => once('cart', () => page('cart.html', 'Your cart' + shop, 'cart')),
    checkout: () => once('checkout', () => page('checkout.html', 'Checkout' + shop, 'checkout')),
    account: (tab: 'orders' | 'profile') => once(`account ${tab}`, () => page('account/', 'Your account' + shop, 'account', `?tab=${tab}`)),
  };
}

export type ShopPages = Awaited<ReturnType<typeof shopPages>>;
