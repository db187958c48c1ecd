import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { sdkScriptApp } from './sdk-script.js';
import { tempDbPath } from '../testing/events.js';

describe('GET /p.js', () => {
  it('serves the bundle with caching headers and answers a revalidation with 304', async () => {
    const path = `${tempDbPath()}.js`;
    writeFileSync(path, '(function(){/* sdk */})();');
    const route = sdkScriptApp(path);
    const first = await route.request('/');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(await first.text()).toBe('(function(){/* sdk */})();');
    const etag = first.headers.get('etag')!;
    const again = await route.request('/', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('says how to build the bundle when it is missing', async () => {
    const response = await sdkScriptApp('/nonexistent/p.js').request('/');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/npm run build/);
  });
});
