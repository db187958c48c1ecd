import { describe, expect, it } from 'vitest';
import { readRuleForm, ruleValues } from './rule-form.js';

const compare = {
  name: 'compare_click',
  on: 'click',
  selector: 'button.compare',
  text: 'Compare',
  'url.match': 'prefix',
  'url.value': '/demo/',
  'props[0].name': '',
  'props[0].from': '',
  'props[1].name': 'product',
  'props[1].from': 'data-product-id',
};

describe('event rule form', () => {
  it('reads the fields of the chosen kind, spare prop rows left out, and gives the rule back as the same fields', () => {
    const { rule, refusal } = readRuleForm({ ...compare, 'url.param': 'left over' });
    expect(refusal).toBeUndefined();
    expect(rule).toEqual({ name: 'compare_click', on: 'click', selector: 'button.compare', text: 'Compare', url: { match: 'prefix', value: '/demo/' }, props: [{ name: 'product', from: 'data-product-id' }] });
    expect(readRuleForm(ruleValues(rule!)).rule).toEqual(rule);
    // A page rule keeps none of a click's fields the form still holds.
    expect(readRuleForm({ ...compare, on: 'page' }).rule).toEqual({ name: 'compare_click', on: 'page', url: { match: 'prefix', value: '/demo/' }, props: [] });
  });

  it.each([
    ['a selector that is not CSS', { selector: 'button[' }, 'selector', /not a CSS selector/],
    ['a click without a selector', { selector: '' }, 'selector', /needs a selector/],
    ['a regex of exponential cost', { 'url.match': 'regex', 'url.value': '(x+x+)+y' }, 'url.value', /exponential/],
    ['a prop from a made-up source', { 'props[1].from': 'innerHTML' }, 'props[1].from', /data-NAME/],
    ['a prop name with markup', { 'props[1].name': '<script>' }, 'props[1].name', /prop name/],
    ['a huge name', { name: 'n'.repeat(10_000) }, 'name', /.+/],
    ['a page rule without pages', { on: 'page', 'url.match': '' }, 'url', /needs a url rule/],
  ])('refuses %s, naming the field as the form does', (_, change, field, message) => {
    const { refusal } = readRuleForm({ ...compare, ...change });
    expect(refusal?.field).toBe(field);
    expect(refusal?.message.startsWith(`${field}: `)).toBe(true);
    expect(refusal?.message).toMatch(message);
  });
});
