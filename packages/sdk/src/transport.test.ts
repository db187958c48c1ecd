import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Entry } from './queue';
import { backoff, batches, envelope, post, retryable, wireLimits } from './transport';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const entry = (i: number, body: string): Entry => [`id-${String(i).padStart(5, '0')}`, JSON.stringify({ i, body }), 0];

describe('batches', () => {
  test('keeps every body within 64 KiB, splitting where it must and keeping the order', () => {
    // Multi-byte text: characters and bytes differ, and bytes are what the collector counts.
    const items = Array.from({ length: 300 }, (_, i) => entry(i, 'é€'.repeat(200)));
    const out = batches('demo', items, 1_700_000_000_000);
    expect(out.length).toBeGreaterThan(1);
    for (const batch of out) {
      const body = envelope('demo', batch, 1_700_000_000_000);
      expect(bytes(body)).toBeLessThanOrEqual(wireLimits.bytes);
      expect(JSON.parse(body).events).toHaveLength(batch.length);
    }
    expect(out.flat()).toEqual(items);
    // Greedy: each batch but the last is full enough that the next event would not fit.
    const first = out[0]!;
    const next = out[1]![0]!;
    expect(bytes(envelope('demo', [...first, next], 1_700_000_000_000))).toBeGreaterThan(wireLimits.bytes);
  });

  test('puts at most 500 events in a batch', () => {
    const items = Array.from({ length: 1201 }, (_, i) => entry(i, ''));
    expect(batches('demo', items, 0).map((batch) => batch.length)).toEqual([500, 500, 201]);
  });

  test('gives an event too large for any batch a batch of its own', () => {
    const items = [entry(1, 'a'), entry(2, 'x'.repeat(70_000)), entry(3, 'b')];
    expect(batches('demo', items, 0).map((batch) => batch.map((item) => item[0]))).toEqual([['id-00001'], ['id-00002'], ['id-00003']]);
  });

  test('makes nothing of nothing', () => {
    expect(batches('demo', [], 0)).toEqual([]);
  });
});

describe('envelope', () => {
  test('is the collector’s body: site, sent_at and the events as they were queued', () => {
    const body = JSON.parse(envelope('site "x"', [entry(1, 'a'), entry(2, 'b')], 42));
    expect(body).toEqual({ site: 'site "x"', sent_at: 42, events: [{ i: 1, body: 'a' }, { i: 2, body: 'b' }] });
  });
});

describe('backoff', () => {
  test('doubles from 3 s, jittered down by at most half', () => {
    expect(backoff(1, 0)).toBe(3000);
    expect(backoff(1, 1)).toBe(1500);
    expect(backoff(2, 0)).toBe(6000);
    expect(backoff(3, 0)).toBe(12_000);
    expect(backoff(4, 0.5)).toBe(18_000);
  });

  test('is capped at 60 s however many failures came before', () => {
    expect(backoff(6, 0)).toBe(60_000);
    expect(backoff(50, 0)).toBe(60_000);
    expect(backoff(1000, 1)).toBe(30_000);
  });

  test('spreads retries: random draws give different delays within the bounds', () => {
    const delays = Array.from({ length: 50 }, () => backoff(3));
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(6000), expect(delay).toBeLessThanOrEqual(12_000);
    expect(new Set(delays).size).toBeGreaterThan(40);
  });
});

describe('post', () => {
  afterEach(() => vi.unstubAllGlobals());

  test('sends the body as text (no CORS preflight) with keepalive, and returns the status and the answer', async () => {
    const fetch = vi.fn(async () => new Response('{"accepted":1}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    expect(await post('https://c.example/v1/events', '{"a":1}', () => {})).toEqual([200, '{"accepted":1}']);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://c.example/v1/events');
    expect(init).toMatchObject({ method: 'POST', body: '{"a":1}', keepalive: true });
    expect(init.headers).toBeUndefined();
  });

  test('returns status 0 when there is no answer', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await post('https://c.example/v1/events', '{}', () => {})).toEqual([0]);
  });
});

describe('retryable', () => {
  test('retries what may work later, never what cannot', () => {
    expect([0, 500, 502, 503, 408, 429].map(retryable)).toEqual([true, true, true, true, true, true]);
    expect([200, 400, 403, 404, 413].map(retryable)).toEqual([false, false, false, false, false]);
  });
});
