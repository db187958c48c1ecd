// The props the picker offers: an element's data- attributes, text, href and value, a form's named fields — and nothing from password or card fields.
import { beforeEach, describe, expect, it } from 'vitest';
import { elementProps, formProps } from './props';

const page = (html: string) => (document.body.innerHTML = html);
const one = (selector: string) => document.querySelector(selector)!;

beforeEach(() => page(''));

describe('elementProps', () => {
  it('offers the data- attributes, the text and the href, named as the wire accepts', () => {
    page('<a href="/product.html?id=p3" data-product-id="p3" data-pulse-slot="x" data-testid="product-link">  Pour-over   kettle </a>');
    expect(elementProps(one('a'))).toEqual([
      { name: 'product_id', from: 'data-product-id', sample: 'p3' },
      { name: 'testid', from: 'data-testid', sample: 'product-link' },
      { name: 'text', from: 'text', sample: 'Pour-over kettle' },
      { name: 'href', from: 'href', sample: '/product.html?id=p3' },
    ]);
  });

  it('offers the value of a field, a select or a button', () => {
    page('<select name="size"><option value="m" selected>M</option></select>');
    expect(elementProps(one('select'))).toContainEqual({ name: 'value', from: 'value', sample: 'm' });
  });

  it('offers nothing of a password or card field, not even its data- attributes', () => {
    page('<input type="password" data-testid="pw" value="hunter2"><input autocomplete="cc-number" data-x="1" value="4242424242424242">');
    for (const field of document.querySelectorAll('input')) expect(elementProps(field)).toEqual([]);
  });
});

describe('formProps', () => {
  it('offers each named field once, never a password, card or credential field, nor buttons', () => {
    page(`<form>
      <input name="email" type="email"><input name="plan" type="radio" value="a"><input name="plan" type="radio" value="b">
      <select name="country"></select><textarea name="note"></textarea><input type="hidden" name="product_id" value="p3">
      <input name="password" type="password"><input name="cardnumber" autocomplete="cc-number"><input name="cvc"><input type="hidden" name="csrf_token">
      <input name="bad name!"><input>
      <button name="go" type="submit">Go</button>
    </form>`);
    expect(formProps(one('form') as HTMLFormElement).map((prop) => [prop.name, prop.from])).toEqual([
      ['email', 'field:email'],
      ['plan', 'field:plan'],
      ['country', 'field:country'],
      ['note', 'field:note'],
      ['product_id', 'field:product_id'],
    ]);
  });
});
