// The stats page's admin password: made on first start (or taken from the environment) and kept only as a scrypt hash.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Store } from '../../storage/store.js';

const settingKey = 'admin_password';
// OWASP's minimum for scrypt; about 50 ms here, which also slows guessing.
const cost: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p), maxmem: cost.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Makes sure an admin password exists. A password from the environment always wins (and signs
 * every browser out when it changes); otherwise the first start makes one. Returns the password
 * made now, to be shown once, or null.
 */
export async function ensureAdminPassword(store: Pick<Store, 'settings' | 'transaction'>, fromEnv: string | undefined): Promise<string | null> {
  const stored = await store.settings.get(settingKey);
  if (fromEnv !== undefined) {
    if (stored !== undefined && (await verifyPassword(fromEnv, stored))) return null;
    const hash = await hashPassword(fromEnv);
    // Committed before the server answers anyone: a collector beside this one signs in with it at once.
    await store.transaction((tx) => {
      tx.settings.put(settingKey, hash);
      tx.adminSessions.deleteAll();
    });
    return null;
  }
  if (stored !== undefined) return null;
  const made = randomBytes(12).toString('base64url');
  const hash = await hashPassword(made);
  await store.transaction((tx) => tx.settings.put(settingKey, hash));
  return made;
}

export async function checkAdminPassword(store: Pick<Store, 'adminSessions' | 'settings'>, password: string): Promise<boolean> {
  const stored = await store.settings.get(settingKey);
  return stored !== undefined && (await verifyPassword(password, stored));
}
