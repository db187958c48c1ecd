// The wizard token: taken from the link once, kept for the tab, out of the address bar without a pageview of p.js's history hook.
import { afterEach, expect, it, vi } from 'vitest';
import { forgetToken, wizardToken } from './token';

afterEach(() => {
  forgetToken();
  History.prototype.replaceState.call(history, null, '', '/');
});

it('is nothing without a link or a kept token', () => {
  history.replaceState(null, '', '/product.html?id=p3');
  expect(wizardToken()).toBe('');
  expect(location.search).toBe('?id=p3');
});

it('is taken from the link, kept for later pages of the tab, and removed from the address bar, the other parameters and the hash left', () => {
  history.replaceState({ router: 1 }, '', '/product.html?id=p3&pulse_wizard=tok.en-1#reviews');
  // p.js wraps history's methods on the instance to count SPA pageviews: the picker's change must not reach it.
  const hooked = vi.fn();
  history.replaceState = hooked;
  try {
    expect(wizardToken()).toBe('tok.en-1');
  } finally {
    delete (history as Partial<History>).replaceState;
  }
  expect(hooked).not.toHaveBeenCalled();
  expect(location.pathname + location.search + location.hash).toBe('/product.html?id=p3#reviews');
  expect(history.state).toEqual({ router: 1 });

  history.replaceState(null, '', '/cart.html');
  expect(wizardToken()).toBe('tok.en-1');
  forgetToken();
  expect(wizardToken()).toBe('');
});
