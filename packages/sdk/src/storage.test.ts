// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createStore } from './storage';

const clearCookies = () => {
  for (const cookie of document.cookie.split('; ')) document.cookie = `${cookie.split('=')[0]}=;max-age=0;path=/`;
};

// Storage blocked: in Chrome with cookies blocked, reading window.localStorage throws a SecurityError.
const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')!;
const blockLocalStorage = () =>
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });

describe('createStore', () => {
  beforeEach(() => {
    localStorage.clear();
    clearCookies();
  });
  afterEach(() => {
    Object.defineProperty(globalThis, 'localStorage', original);
    vi.restoreAllMocks();
  });

  test('keeps values in localStorage, shared with other tabs of the origin', () => {
    const store = createStore();
    store.set('v', 'visitor-1');
    expect(localStorage.getItem('pulse_v')).toBe('visitor-1');
    expect(createStore().get('v')).toBe('visitor-1');
    store.del('v');
    expect(localStorage.getItem('pulse_v')).toBeNull();
    expect(store.get('v')).toBeFalsy();
  });

  test('falls back to a first-party cookie where localStorage throws', () => {
    blockLocalStorage();
    const store = createStore();
    store.set('s', '{"i":"a; b","t":1}');
    expect(document.cookie).toContain('pulse_s=');
    expect(createStore().get('s')).toBe('{"i":"a; b","t":1}');
    store.del('s');
    expect(createStore().get('s')).toBeFalsy();
  });

  test('keeps values in memory, for this page, where nothing can be stored', () => {
    blockLocalStorage();
    // Cookies switched off: writes are ignored without an error.
    vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {});
    const store = createStore();
    store.set('v', 'visitor-2');
    expect(store.get('v')).toBe('visitor-2');
    expect(createStore().get('v')).toBeFalsy();
  });
});
