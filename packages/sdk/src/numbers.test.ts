// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { askNumbers, keepNumbers, keptNumbers, type NumbersAnswer, type Visit } from './numbers';

const visit: Visit = { site: 'demo', endpoint: 'https://collector.example', visitor_id: 'v1', session_id: 's1' };
const answer: NumbersAnswer = {
  numbers: [{ pool: 1, published: '+74951234567', selector: null, number: '+74957000001' }],
  renew_s: 50,
};

/** The collector answering every request with `status` and `body`; its requests, as sent. */
function collector(status: number, body = '{}') {
  const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response(body, { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

beforeEach(() => sessionStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('askNumbers', () => {
  test("posts the visit and the page's context as text (no preflight) and gives the 200 answer", async () => {
    const fetch = collector(200, JSON.stringify(answer));
    expect(await askNumbers(visit)).toEqual(answer);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://collector.example/v1/numbers');
    expect(init).toMatchObject({ method: 'POST' });
    expect(init.headers).toBeUndefined();
    const body = JSON.parse(init.body as string);
    expect(body).toMatchObject({ site: 'demo', visitor_id: 'v1', session_id: 's1' });
    expect(body.context).toMatchObject({ url: location.href, referrer: '' });
  });

  test('a refusal (4xx) is null: no numbers for this page', async () => {
    collector(403, '{"error":"origin: not a registered domain","field":"origin"}');
    expect(await askNumbers(visit)).toBeNull();
  });

  test('no answer, a 5xx or a 429 is undefined: ask again later', async () => {
    for (const status of [503, 429]) {
      collector(status);
      expect(await askNumbers(visit)).toBeUndefined();
    }
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await askNumbers(visit)).toBeUndefined();
  });
});

describe('keptNumbers', () => {
  test("gives a session's answer to its own later pages only, until it is forgotten", () => {
    keepNumbers('s1', answer);
    expect(keptNumbers('s1')).toEqual(answer);
    expect(keptNumbers('s2')).toBeUndefined();
    keepNumbers('s1', null);
    expect(keptNumbers('s1')).toBeUndefined();
  });
});
