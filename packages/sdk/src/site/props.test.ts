// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { isSensitive, propsOf, propValue } from './props';

beforeEach(() => {
  document.body.innerHTML = `
    <a id="buy" href="/cart?add=p1" data-product-id="p1">  Add to
      cart  </a>
    <form id="signup">
      <input name="email" value="ada@example.com">
      <input name="plan" type="radio" value="free"><input name="plan" type="radio" value="pro" checked>
      <input name="password" type="password" value="hunter2">
      <input name="pw" type="password" value="hunter3">
      <input name="cc" autocomplete="cc-number" value="4111111111111111">
      <input name="card_number" value="4111111111111111">
      <input id="cvv" name="x" value="123">
      <select name="size"><option>M</option><option selected>L</option></select>
    </form>`;
});

const $ = (selector: string) => document.querySelector(selector)!;

describe('propValue', () => {
  test('text (folded, trimmed, at most 100 characters), href, data- attributes', () => {
    expect(propValue('text', $('#buy'))).toBe('Add to cart');
    expect(propValue('href', $('#buy'))).toBe('https://shop.example/cart?add=p1');
    expect(propValue('data-product-id', $('#buy'))).toBe('p1');
    $('#buy').textContent = 'x'.repeat(300);
    expect(propValue('text', $('#buy'))).toHaveLength(100);
  });

  test("a form's fields by name: inputs, radio groups, selects", () => {
    expect(propValue('field:email', $('#signup'))).toBe('ada@example.com');
    expect(propValue('field:plan', $('#signup'))).toBe('pro');
    expect(propValue('field:size', $('#signup'))).toBe('L');
    expect(propValue('field:missing', $('#signup'))).toBeUndefined();
  });

  test.each(['field:password', 'field:pw', 'field:cc', 'field:card_number', 'field:x', 'field:cvv'])('never a password or a card: %s', (from) => {
    expect(propValue(from, $('#signup'))).toBeUndefined();
  });

  test("nor a sensitive element's own value, text or attributes", () => {
    const password = $('[name=password]');
    expect(isSensitive(password)).toBe(true);
    expect(propValue('value', password)).toBeUndefined();
    expect(propValue('data-x', password)).toBeUndefined();
    expect(propValue('value', $('[name=email]'))).toBe('ada@example.com');
  });
});

test('propsOf names each value and leaves out what has none', () => {
  const props = propsOf([{ name: 'product', from: 'data-product-id' }, { name: 'label', from: 'text' }, { name: 'missing', from: 'data-none' }], $('#buy'));
  expect(JSON.parse(JSON.stringify(props))).toEqual({ product: 'p1', label: 'Add to cart' });
});
