// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { createSwapper, watchPage, type ShownNumber } from './swap';

const sales: ShownNumber = { pool: 1, published: '+74951234567', selector: null, number: '+74957000001', leased: true };
const text = (selector: string) => document.querySelector(selector)!.textContent;
const href = (selector: string) => document.querySelector(selector)!.getAttribute('href');
/** MutationObserver callbacks run as microtasks, after the current one. */
const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

let observer: MutationObserver | undefined;
afterEach(() => {
  observer?.disconnect();
  document.body.innerHTML = '';
});

describe('a pool with a published number', () => {
  test('is swapped in text, in its own formatting, and in tel: links, in E.164', () => {
    document.body.innerHTML = `
      <p id="a">Call <b>+7 (495) 123-45-67</b> or 8 495 123 45 67</p>
      <a id="tel" href="tel:+7-495-123-45-67">8 (495) 123-45-67</a>
      <a id="other" href="tel:+74959999999">+7 495 999-99-99</a>`;
    createSwapper().show([sales]);
    expect(text('#a')).toBe('Call +7 (495) 700-00-01 or 8 495 700 00 01');
    expect(href('#tel')).toBe('tel:+74957000001');
    expect(text('#tel')).toBe('8 (495) 700-00-01');
    expect(href('#other')).toBe('tel:+74959999999');
    expect(text('#other')).toBe('+7 495 999-99-99');
  });

  test('leaves alone what is marked data-pulse-no-swap, and scripts', () => {
    document.body.innerHTML = `
      <footer data-pulse-no-swap><span id="legal">+7 495 123-45-67</span><a id="tel" href="tel:+74951234567">call</a></footer>
      <script id="js">var phone = "+7 495 123-45-67";</script>`;
    createSwapper().show([sales]);
    expect(text('#legal')).toBe('+7 495 123-45-67');
    expect(href('#tel')).toBe('tel:+74951234567');
    expect(text('#js')).toContain('+7 495 123-45-67');
  });

  test('a number given later replaces the one shown before, not only the published one', () => {
    document.body.innerHTML = '<p id="a">+7 495 123-45-67</p>';
    const swapper = createSwapper();
    swapper.show([sales]);
    swapper.show([{ ...sales, number: '+74957000002' }]);
    expect(text('#a')).toBe('+7 495 700-00-02');
  });
});

describe('a pool with a selector', () => {
  test('its elements show the number in the formatting they had, or alone when they had none', () => {
    document.body.innerHTML = `
      <span class="phone" id="formatted">8 (800) 555-35-35</span>
      <span class="phone" id="empty">Call us</span>
      <a class="phone" id="link" href="tel:88005553535">8 800 555 35 35</a>
      <span id="elsewhere">8 (800) 555-35-35</span>`;
    createSwapper().show([{ ...sales, published: null, selector: '.phone' }]);
    expect(text('#formatted')).toBe('8 (495) 700-00-01');
    expect(text('#empty')).toBe('+74957000001');
    expect(href('#link')).toBe('tel:+74957000001');
    expect(text('#link')).toBe('8 495 700 00 01');
    expect(text('#elsewhere')).toBe('8 (800) 555-35-35');
  });

  test('a selector the browser cannot parse spoils only its own pool', () => {
    document.body.innerHTML = '<p id="a">+7 495 123-45-67</p><p id="b">+7 812 000-00-00</p>';
    const broken: ShownNumber = { pool: 2, published: '+78120000000', selector: '[[', number: '+78127000001', leased: true };
    createSwapper().show([broken, sales]);
    expect(text('#a')).toBe('+7 495 700-00-01');
  });
});

describe('watchPage', () => {
  test('swaps in content added or changed after the first scan', async () => {
    const swapper = createSwapper();
    swapper.show([sales]);
    observer = watchPage(swapper);
    const added = document.createElement('div');
    added.innerHTML = '<p id="late">Sales: +7 495 123-45-67</p><a id="tel" href="tel:84951234567">call</a>';
    document.body.append(added);
    await observed();
    expect(text('#late')).toBe('Sales: +7 495 700-00-01');
    expect(href('#tel')).toBe('tel:+74957000001');
    (document.querySelector('#late')!.firstChild as Text).data = 'Now: 8 495 123 45 67';
    await observed();
    expect(text('#late')).toBe('Now: 8 495 700 00 01');
  });
});
