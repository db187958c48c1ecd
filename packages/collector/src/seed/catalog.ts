// The demo shop's catalog, read from the shop itself so that seeded traffic follows the shop when it changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { demoShopDir } from './demo-shop.js';

export interface Product {
  id: string;
  name: string;
  category: string;
  brand: string;
  price: number;
}

/** products.js is a browser script that sets window.SHOP_PRODUCTS: it is run against a bare window to read it. */
export function loadCatalog(file = join(demoShopDir, 'products.js')): Product[] {
  const window: { SHOP_PRODUCTS?: Product[] } = {};
  runInNewContext(readFileSync(file, 'utf8'), { window });
  const products = (window.SHOP_PRODUCTS ?? []).map(({ id, name, category, brand, price }) => ({ id, name, category, brand, price }));
  if (products.length === 0) throw new Error(`no products in ${file}`);
  return products;
}
