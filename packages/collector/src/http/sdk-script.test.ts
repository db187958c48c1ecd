import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sdkScriptApp } from './sdk-script.js';
import { tempDbPath } from '../testing/events.js';

/** A dist folder holding p.js and the call-tracking chunk; the path of its p.js. */
function builtSdk(): string {
  const dir = dirname(tempDbPath());
  writeFileSync(join(dir, 'p.js'), '(function(){/* sdk */})();');
  writeFileSync(join(dir, 'p-calls.js'), '(function(){/* calls */})();');
  writeFileSync(join(dir, 'index.js'), 'export {};');
  return join(dir, 'p.js');
}

describe('GET /p.js and its chunks', () => {
  it('serves each bundle with caching headers and answers a revalidation with 304', async () => {
    const route = sdkScriptApp(builtSdk());
    for (const [path, body] of [
      ['/p.js', '(function(){/* sdk */})();'],
      ['/p-calls.js', '(function(){/* calls */})();'],
    ] as const) {
      const first = await route.request(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
      // A chunk is imported as a module: cross-origin, that needs CORS.
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      expect(await first.text()).toBe(body);
      const etag = first.headers.get('etag')!;
      const again = await route.request(path, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
  });

  it('serves only the script-tag bundles, and says how to build one that is missing', async () => {
    const route = sdkScriptApp(builtSdk());
    expect((await route.request('/index.js')).status).toBe(404);
    const missing = await route.request('/p-picker.js');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/npm run build/);
    const unbuilt = await sdkScriptApp('/nonexistent/p.js').request('/p.js');
    expect(unbuilt.status).toBe(404);
    expect(((await unbuilt.json()) as { error: string }).error).toMatch(/npm run build/);
  });
});
