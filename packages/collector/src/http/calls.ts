// POST /v1/calls/:site: telephony's calls signed with the site's secret instead of an API token (HMAC-SHA256 of the body, as webhooks are signed).
import { Hono } from 'hono';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { checkSignature, ingestCall, signatureHeader } from '../ingest/calls.js';
import { InputError } from '../validation.js';
import { readBody } from './read-body.js';

export function signedCallsApp(deps: { store: Pick<Store, 'sites' | 'calls' | 'profiles'>; writer: EngineWriter; maxBodyBytes: number; now: () => number }) {
  const app = new Hono();
  app.post('/:site', async (c) => {
    const site = await deps.store.sites.byKey(c.req.param('site'));
    if (!site) throw new InputError(404, 'site', `site: no site has the key '${c.req.param('site')}'`);
    // The signature is over the bytes as sent: checked before the body is parsed.
    const text = await readBody(c, deps.maxBodyBytes);
    await checkSignature(deps.store, site, text, c.req.header(signatureHeader));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new InputError(400, 'body', 'body: not valid JSON (expected a call: {"call_id": "...", "called_number": "+7...", ...})');
    }
    const answer = await ingestCall(deps, site, body, deps.now());
    return c.json(answer, answer.duplicate ? 200 : 201);
  });
  return app;
}
