// The demo shop: where its pages are (served under /demo/ by pulse start --demo) and the site key they carry.
import { fileURLToPath } from 'node:url';

export const demoShopDir = fileURLToPath(new URL('../../../../examples/shop', import.meta.url));
/** The demo shop's pages carry this key in their script tag. */
export const demoSiteKey = 'demo';
