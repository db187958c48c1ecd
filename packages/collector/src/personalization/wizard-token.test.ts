// Wizard tokens: one site, until they expire, and nothing a changed byte or another secret gets past.
import { describe, expect, it } from 'vitest';
import { checkWizardToken, wizardToken, wizardTokenMs } from './wizard-token.js';

describe('wizard tokens', () => {
  const now = 1_800_000_000_000;
  const { token, expiresAt } = wizardToken('secret', 'shop', now);

  it('vouch for their site until they expire', () => {
    expect(expiresAt).toBe(now + wizardTokenMs);
    expect(checkWizardToken('secret', token, now + 1000)).toEqual({ site: 'shop', expiresAt });
    expect(checkWizardToken('secret', token, expiresAt)).toBeUndefined();
  });

  it('refuse a changed token, another secret, and no secret at all', () => {
    const [site, expiry, signature] = token.split('.');
    const longer = `${site}.${(expiresAt + wizardTokenMs).toString(36)}.${signature}`;
    const otherSite = `${Buffer.from('blog').toString('base64url')}.${expiry}.${signature}`;
    for (const forged of [longer, otherSite, `${token}x`, 'a.b', '', undefined]) expect(checkWizardToken('secret', forged, now)).toBeUndefined();
    expect(checkWizardToken('other', token, now)).toBeUndefined();
    expect(checkWizardToken(undefined, token, now)).toBeUndefined();
  });
});
