// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import type { UrlRule } from '@pulse/wire/personalization';
import { matchesUrl } from './url-rule';

const at = (url: string) => new URL(url, 'https://shop.example');

describe('matchesUrl', () => {
  test.each<[UrlRule, string, boolean]>([
    [{ match: 'exact', value: '/pricing' }, '/pricing?ref=1', true],
    [{ match: 'exact', value: '/pricing' }, '/pricing/team', false],
    [{ match: 'prefix', value: '/blog/' }, '/blog/2026/slots', true],
    [{ match: 'prefix', value: '/blog/' }, '/blogs', false],
    [{ match: 'regex', value: '^/product/\\d+$' }, '/product/42', true],
    [{ match: 'regex', value: 'utm_source=mail' }, '/?utm_source=mail', true],
    [{ match: 'regex', value: '^/product/\\d+$' }, '/product/42/reviews', false],
    [{ match: 'query', param: 'utm_source' }, '/?utm_source=', true],
    [{ match: 'query', param: 'utm_source', value: 'mail' }, '/?utm_source=mail', true],
    [{ match: 'query', param: 'utm_source', value: 'mail' }, '/?utm_source=ads', false],
    [{ match: 'query', param: 'utm_source' }, '/', false],
  ])('%j at %s: %s', (rule, url, expected) => {
    expect(matchesUrl(rule, at(url))).toBe(expected);
  });

  test('a regular expression the browser refuses matches nothing and throws nothing', () => {
    expect(matchesUrl({ match: 'regex', value: '(' }, at('/('))).toBe(false);
  });
});
