import { describe, expect, it } from 'vitest';
import { readBrowserKey } from './browser-key.js';

describe('browser key field', () => {
  it('takes lower-case letters, digits, - and _, and empty as not shown', () => {
    expect(readBrowserKey(' hi-shoes_2 ')).toEqual({ typed: 'hi-shoes_2', key: 'hi-shoes_2' });
    expect(readBrowserKey('')).toEqual({ typed: '', key: null });
    expect(readBrowserKey(undefined)).toEqual({ typed: '', key: null });
  });

  it.each(['High Interest', '<script>alert(1)</script>', 'x'.repeat(65), '-leading', 'ключ'])('refuses %s by name', (key) => {
    const field = readBrowserKey(key);
    expect('refusal' in field && field.refusal.message).toMatch(/^browser_key: a browser key: lower-case letters/);
  });
});
