// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSwapper, watchPage, type ShownNumber } from './swap';

const sales: ShownNumber = { pool: 1, published: '+74951234567', selector: null, number: '+74957000001' };
const text = (selector: string) => document.querySelector(selector)!.textContent;
const href = (selector: string) => document.querySelector(selector)!.getAttribute('href');

/** A page of `html` with `numbers` swapped in: the text and href of each element with an id, by id. */
function swapInto(html: string, numbers: ShownNumber[]): Record<string, [text: string | null, href: string | null]> {
  document.body.innerHTML = html;
  createSwapper().show(numbers);
  return Object.fromEntries([...document.querySelectorAll('[id]')].map((element) => [element.id, [element.textContent, element.getAttribute('href')]]));
}
/** MutationObserver callbacks run as microtasks, after the current one. */
const observed = () => new Promise((resolve) => setTimeout(resolve, 0));

let observer: MutationObserver | undefined;
afterEach(() => {
  observer?.disconnect();
  document.body.innerHTML = '';
});

describe('a pool with a published number', () => {
  test('is swapped in text, in its own formatting, and in tel: links, in E.164', () => {
    const page = `
      <p id="a">Call <b>+7 (495) 123-45-67</b> or 8 495 123 45 67</p>
      <a id="tel" href="tel:+7-495-123-45-67">8 (495) 123-45-67</a>
      <a id="other" href="tel:+74959999999">+7 495 999-99-99</a>`;
    expect(swapInto(page, [sales])).toEqual({
      a: ['Call +7 (495) 700-00-01 or 8 495 700 00 01', null],
      tel: ['8 (495) 700-00-01', 'tel:+74957000001'],
      other: ['+7 495 999-99-99', 'tel:+74959999999'],
    });
  });

  test('leaves alone what is marked data-pulse-no-swap, and scripts', () => {
    const page = `
      <footer data-pulse-no-swap><span id="legal">+7 495 123-45-67</span><a id="tel" href="tel:+74951234567">call</a></footer>
      <script id="js">var phone = "+7 495 123-45-67";</script>`;
    expect(swapInto(page, [sales])).toEqual({
      legal: ['+7 495 123-45-67', null],
      tel: ['call', 'tel:+74951234567'],
      js: ['var phone = "+7 495 123-45-67";', null],
    });
  });

  test('the same numbers given again leave the page unscanned', () => {
    const swapper = createSwapper();
    swapper.show([sales]);
    const scan = vi.spyOn(swapper, 'scan');
    swapper.show([{ ...sales }]);
    expect(scan).not.toHaveBeenCalled();
    swapper.show([{ ...sales, number: '+74957000002' }]);
    expect(scan).toHaveBeenCalledWith(document.documentElement);
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
    const page = `
      <span class="phone" id="formatted">8 (800) 555-35-35</span>
      <span class="phone" id="empty">Call us</span>
      <a class="phone" id="link" href="tel:88005553535">8 800 555 35 35</a>
      <span id="elsewhere">8 (800) 555-35-35</span>`;
    expect(swapInto(page, [{ ...sales, published: null, selector: '.phone' }])).toEqual({
      formatted: ['8 (495) 700-00-01', null],
      empty: ['+74957000001', null],
      link: ['8 495 700 00 01', 'tel:+74957000001'],
      elsewhere: ['8 (800) 555-35-35', null],
    });
  });

  test('a selector the browser cannot parse spoils only its own pool', () => {
    const broken: ShownNumber = { pool: 2, published: '+78120000000', selector: '[[', number: '+78127000001' };
    expect(swapInto('<p id="a">+7 495 123-45-67</p>', [broken, sales]).a).toEqual(['+7 495 700-00-01', null]);
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
