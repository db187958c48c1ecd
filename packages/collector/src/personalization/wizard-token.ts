// Wizard tokens: what lets an admin's own site, opened from the stats page, save event rules for one site until the token expires.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where the collector keeps the secret wizard tokens are signed with (settings). */
export const wizardSecretKey = 'wizard_secret';

/** How long a token opens the picker: an editing session, not a standing credential (it travels in a URL). */
export const wizardTokenMs = 2 * 3_600_000;

export interface WizardClaim {
  site: string;
  expiresAt: number;
}

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** A token for the site, signed with the collector's wizard secret: `site.expiry.signature`, URL-safe. */
export function wizardToken(secret: string, site: string, now: number): { token: string; expiresAt: number } {
  const expiresAt = now + wizardTokenMs;
  const payload = `${Buffer.from(site).toString('base64url')}.${expiresAt.toString(36)}`;
  return { token: `${payload}.${sign(secret, payload)}`, expiresAt };
}

/** The site and expiry a token vouches for, or undefined when it is malformed, forged or expired. */
export function checkWizardToken(secret: string | undefined, token: string | undefined, now: number): WizardClaim | undefined {
  const parts = token?.split('.');
  if (!secret || parts?.length !== 3) return undefined;
  const [site, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${site}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const expiresAt = parseInt(expiry, 36);
  return expiresAt > now ? { site: Buffer.from(site, 'base64url').toString(), expiresAt } : undefined;
}
