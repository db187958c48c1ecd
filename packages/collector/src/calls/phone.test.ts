import { describe, expect, it } from 'vitest';
import { callerHash, callerKey, callerTail, e164, maskedCaller } from './phone.js';

describe('e164', () => {
  it('keeps a site number in E.164 however it was written', () => {
    expect(e164('+7 (495) 123-45-67')).toBe('+74951234567');
    expect(e164('+1 212.555.0142')).toBe('+12125550142');
    expect(e164('+44 20 7946 0958')).toBe('+442079460958');
  });
  it('refuses what is not a possible international number', () => {
    expect(e164('8 495 123 45 67')).toBeNull();
    expect(e164('+7 495 12')).toBeNull();
    expect(e164('call us')).toBeNull();
    expect(e164('+')).toBeNull();
  });
});

describe('callers', () => {
  it('match whether telephony wrote +7, 7 or the trunk 8', () => {
    expect(callerKey('+7 916 555-01-02')).toBe('+79165550102');
    expect(callerKey('89165550102')).toBe('+79165550102');
    expect(callerKey('79165550102')).toBe('+79165550102');
    const salt = Buffer.from('salt');
    expect(callerHash(salt, '8 (916) 555-01-02').equals(callerHash(salt, '+79165550102'))).toBe(true);
    expect(callerHash(salt, '+79165550102').equals(callerHash(Buffer.from('other'), '+79165550102'))).toBe(false);
  });
  it('show the last two digits only', () => {
    expect(maskedCaller(callerTail('+7 916 555-01-02'))).toBe('••• 02');
    expect(maskedCaller(callerTail('anonymous'))).toBe('hidden');
  });
});
