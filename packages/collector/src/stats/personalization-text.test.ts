import { describe, expect, it } from 'vitest';
import { eventRuleSchema } from '@pulse/wire/personalization';
import { targetingText, triggerText } from './personalization-text.js';

describe('personalization in words', () => {
  it('says who a variant is for, segments by name, and no targeting as the default', () => {
    const names = new Map([['hi-shoes', 'High interest: shoes']]);
    expect(targetingText({ segments: ['hi-shoes', 'vip'], devices: ['phone'], groups: ['new'], clusters: [2, 3], url: { match: 'prefix', value: '/shoes' } }, names)).toBe(
      'in High interest: shoes or vip · new visitors · cluster 2 or 3 · on phone · on pages under /shoes',
    );
    expect(targetingText({}, names)).toBe('Everyone (the default)');
  });

  it.each([
    [{ name: 'compare', on: 'click', selector: '.compare', text: 'Compare' }, 'Click on .compare containing “Compare”'],
    [{ name: 'signup', on: 'submit', selector: '#newsletter', url: { match: 'exact', value: '/' } }, 'Submit of #newsletter · on the page /'],
    [{ name: 'promo', on: 'page', url: { match: 'query', param: 'utm_campaign', value: 'spring' } }, 'Page view of URLs with ?utm_campaign=spring'],
  ])('says what %o fires on', (rule, text) => {
    expect(triggerText(eventRuleSchema.parse(rule))).toBe(text);
  });
});
