import { describe, expect, it } from 'vitest';
import { normalizeDomain, originDomains } from './domains.js';

describe('normalizeDomain', () => {
  it('accepts host names and IPv4 addresses, lower-cased', () => {
    expect(normalizeDomain('Shop.Example.COM')).toBe('shop.example.com');
    expect(normalizeDomain('localhost')).toBe('localhost');
    expect(normalizeDomain('127.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses URLs, ports and paths with a message saying what to write', () => {
    for (const bad of ['https://example.com', 'example.com:8080', 'example.com/shop', '', 'a b.com']) {
      expect(() => normalizeDomain(bad)).toThrow(/is not a domain name/);
    }
  });
});

describe('originDomains', () => {
  it('lists the host and each parent domain', () => {
    expect(originDomains('https://www.shop.example.com:8443')).toEqual(['www.shop.example.com', 'shop.example.com', 'example.com', 'com']);
    expect(originDomains('http://127.0.0.1:3000')).toEqual(['127.0.0.1']);
    expect(originDomains('null')).toEqual([]);
  });
});
