// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ConfigPlacement, ConfigVariant } from '@pulse/wire/personalization';
import type { SlotRender } from './api';
import { createSlots, type Decision } from './slots';

/** happy-dom lays nothing out: the page's scroll is played by hand through this observer. */
let observed: { callback: IntersectionObserverCallback; targets: Element[] };
class PageObserver {
  constructor(callback: IntersectionObserverCallback) {
    observed = { callback, targets: [] };
  }
  observe(target: Element) {
    observed.targets.push(target);
  }
}
const scroll = (target: Element, ratio: number) => observed.callback([{ target, intersectionRatio: ratio } as IntersectionObserverEntry], {} as IntersectionObserver);

const content = (id: number, title: string): ConfigVariant => ({ id, when: {}, content: { kind: 'content', title } });
const placement = (variants: ConfigVariant[], autoReload = 0): ConfigPlacement => ({ id: 'hero', adaptive: ['desktop'], auto_reload: autoReload, variants });

let tracked: [string, unknown][];
let decision: Decision | undefined;
let renderers: ((render: SlotRender) => void)[];
let element: HTMLElement;

beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', PageObserver);
  document.body.innerHTML = '<div data-pulse-slot="hero"><p>Our own</p></div>';
  element = document.querySelector('[data-pulse-slot]')!;
  tracked = [];
  renderers = [];
  decision = undefined;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const slots = () => createSlots(() => decision, (name, props) => tracked.push([name, props]), renderers);

describe('a slot', () => {
  test('waits, its markup untouched, while nothing is known; then shows the variant, its height kept', () => {
    const page = slots();
    page.fill(element);
    expect(element.hasAttribute('data-pulse-filled')).toBe(false);
    decision = { placement: placement([content(7, 'Spring sale')]), variant: content(7, 'Spring sale') };
    page.fill(element);
    expect(element.getAttribute('data-pulse-filled')).toBe('7');
    expect(element.textContent).toBe('Spring sale');
    expect(element.style.minHeight).toMatch(/px$/);
  });

  test('keeps its own markup when no variant holds, and gets it back when one stops holding', () => {
    const page = slots();
    decision = { placement: placement([]) };
    page.fill(element);
    expect(element.getAttribute('data-pulse-filled')).toBe('');
    expect(element.innerHTML).toBe('<p>Our own</p>');
    decision = { variant: content(7, 'Spring sale') };
    page.fill(element);
    decision = {};
    page.fill(element);
    expect(element.innerHTML).toBe('<p>Our own</p>');
  });

  test('records one slot_view once half of it is seen, and a slot_click with the variant', () => {
    const page = slots();
    decision = { variant: content(7, 'Spring sale') };
    page.fill(element);
    scroll(element, 0.2);
    expect(tracked).toEqual([]);
    scroll(element, 0.6);
    scroll(element, 1);
    page.fill(element);
    element.querySelector('strong')!.click();
    expect(tracked).toEqual([
      ['slot_view', { slot: 'hero', variant: 7 }],
      ['slot_click', { slot: 'hero', variant: 7 }],
    ]);
  });

  test('auto_reload renders again every N seconds while seen, a view each time', () => {
    vi.useFakeTimers();
    const page = slots();
    decision = { placement: placement([content(7, 'Ad')], 30), variant: content(7, 'Ad') };
    page.fill(element);
    scroll(element, 1);
    vi.advanceTimersByTime(30_000);
    scroll(element, 0);
    vi.advanceTimersByTime(30_000);
    expect(tracked.filter(([name]) => name == 'slot_view')).toHaveLength(2);
  });

  test("a provider block goes to the site's renderer, and waits for one", () => {
    const page = slots();
    const variant: ConfigVariant = { id: 9, when: {}, content: { kind: 'provider', provider: 'adfox', params: { p1: 'x' } } };
    decision = { variant };
    page.fill(element);
    expect(element.innerHTML).toBe('<p>Our own</p>');
    const renders: SlotRender[] = [];
    renderers.push((render) => renders.push(render));
    page.fill(element);
    expect(renders).toEqual([{ element, slot: 'hero', variant: 9, provider: 'adfox', params: { p1: 'x' } }]);
    expect(element.getAttribute('data-pulse-filled')).toBe('9');
  });
});
