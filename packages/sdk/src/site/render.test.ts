// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { renderContent, safeUrl } from './render';

const host = () => {
  const element = document.createElement('div');
  document.body.replaceChildren(element);
  return element;
};

describe('renderContent', () => {
  test('a link around an image, a title, a text and a call to action', () => {
    const slot = host();
    slot.append(renderContent({ kind: 'content', title: 'Spring sale', text: '20% off', link: '/sale', cta: 'Shop now', image: 'https://cdn.example/s.png', alt: 'Shoes' }));
    expect(slot.innerHTML).toBe(
      '<a class="pulse-slot__link" href="https://shop.example/sale"><img class="pulse-slot__image" src="https://cdn.example/s.png" alt="Shoes">' +
        '<strong class="pulse-slot__title">Spring sale</strong><span class="pulse-slot__text">20% off</span><span class="pulse-slot__cta">Shop now</span></a>',
    );
  });

  test('no image, no link: a title alone, nothing empty beside it', () => {
    const slot = host();
    slot.append(renderContent({ kind: 'content', title: 'Spring sale' }));
    expect(slot.innerHTML).toBe('<strong class="pulse-slot__title">Spring sale</strong>');
  });

  test('a hostile variant renders as inert text, its script URLs dropped', () => {
    const slot = host();
    slot.append(renderContent({ kind: 'content', title: '<script>alert(1)</script>', text: '<img src=x onerror=alert(1)>', link: 'javascript:alert(1)', image: 'data:image/svg+xml,<svg onload=alert(1)>' }));
    expect(slot.querySelector('script, img, a')).toBeNull();
    expect(slot.querySelector('.pulse-slot__text')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(slot.querySelector('.pulse-slot__title')!.textContent).toBe('<script>alert(1)</script>');
  });
});

describe('safeUrl', () => {
  test.each<[string | undefined, string | undefined]>([
    ['https://cdn.example/a.png', 'https://cdn.example/a.png'],
    ['/sale?x=1', 'https://shop.example/sale?x=1'],
    ['javascript:alert(1)', undefined],
    [' JavaScript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['//evil.example/', undefined],
    ['/\\evil.example/', undefined],
    ['vbscript:x', undefined],
    [undefined, undefined],
    ['', undefined],
  ])('%s', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });
});
