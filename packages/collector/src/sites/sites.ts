// Registering sites: a public key for the script tag and the domains its pages are served from.
import { randomBytes } from 'node:crypto';
import type { Store } from '../storage/store.js';
import { normalizeDomain } from './domains.js';
import type { Site } from '../model/site.js';

const keyPattern = /^[A-Za-z0-9_-]{3,64}$/;

export async function addSite(store: Pick<Store, 'sites'>, domains: string[], now: number, key?: string): Promise<Site> {
  if (domains.length === 0) throw new Error('a site needs at least one domain');
  if (key !== undefined && !keyPattern.test(key)) {
    throw new Error(`site key '${key}' must be 3 to 64 letters, digits, _ or -`);
  }
  // 12 random bytes: unguessable, so a key names one site, and short enough for a script tag.
  return store.sites.save(key ?? randomBytes(12).toString('base64url'), domains.map(normalizeDomain), now);
}
