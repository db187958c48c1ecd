import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../testing/collector.js';

let collector: TestCollector;
beforeAll(async () => {
  collector = await startTestCollector();
});
afterAll(() => collector.close());

const admin = async (method: string, path: string, body?: string) => {
  const response = await fetch(`${collector.url}/api/v1/sites/test/webhooks${path}`, {
    method,
    headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
};

describe('the REST API for webhooks', () => {
  it('refuses bad input with a 4xx naming the field, storing nothing', async () => {
    for (const [body, field] of [
      ['{"url": "ftp://crm.example.com/"}', 'url'],
      ['{"url": "not a url"}', 'url'],
      ['{"url": "https://crm.example.com/", "events": ["segment.entered", "order.paid"]}', 'events[1]'],
      ['{"url": "https://crm.example.com/", "events": []}', 'events'],
      ['{"url": "https://crm.example.com/", "secret": "short"}', 'secret'],
      ['{"url": "https://crm.example.com/", "retries": 3}', 'body'], // the message names the key
      ['{"url": ', 'body'],
      ['{"url": "https://crm.example.com/", "segments": []}', 'segments'],
      ['{"url": "https://crm.example.com/", "segments": [1, "Buyers"]}', 'segments[1]'],
      ['{"url": "https://crm.example.com/", "segments": [424242]}', 'segments[0]'], // not a segment of this site
    ] as const) {
      const answer = await admin('POST', '', body);
      expect(answer.status, body).toBe(400);
      expect(answer.json.field, body).toBe(field);
      if (body.includes('retries')) expect(answer.json.error).toContain('retries');
    }
    expect((await admin('PATCH', '/99', '{"enabled": false}')).status).toBe(404);
    expect((await admin('GET', '')).json).toEqual([]);
  });

  it('adds an endpoint showing its secret once, changes it, and deletes it', async () => {
    const added = await admin('POST', '', '{"url": "https://crm.example.com/pulse", "events": ["group.changed", "segment.entered"], "secret": "a-secret-of-the-receiver"}');
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ url: 'https://crm.example.com/pulse', events: ['segment.entered', 'group.changed'], enabled: true, secret: 'a-secret-of-the-receiver' });
    const listed = (await admin('GET', '')).json;
    expect(listed).toEqual([expect.objectContaining({ id: added.json.id, delivered: 0, pending: 0, failed: 0 })]);
    expect(JSON.stringify(listed)).not.toContain('a-secret');
    expect((await admin('PATCH', `/${added.json.id}`, '{"enabled": false, "events": ["group.changed"]}')).json).toMatchObject({ enabled: false, events: ['group.changed'] });
    expect((await admin('PATCH', `/${added.json.id}`, '{"url": "javascript:alert(1)"}')).json.field).toBe('url');
    expect((await admin('DELETE', `/${added.json.id}`)).status).toBe(204);
    expect((await admin('GET', '')).json).toEqual([]);
  });

  it('lets an endpoint choose the segments it hears of, and every segment again with null', async () => {
    const segment = async (name: string) => {
      const response = await fetch(`${collector.url}/api/v1/sites/test/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${collector.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, rules: { lifecycle: ['active'] } }),
      });
      return ((await response.json()) as { id: number }).id;
    };
    const [vips, buyers] = [await segment('VIPs'), await segment('Buyers')];
    const added = await admin('POST', '', JSON.stringify({ url: 'https://crm.example.com/vips', segments: [buyers, vips, buyers] }));
    expect(added.status).toBe(201);
    expect(added.json.segments).toEqual([vips, buyers].sort((a, b) => a - b));
    const path = `/${added.json.id}`;
    expect((await admin('PATCH', path, '{"segments": [424242]}')).json).toMatchObject({ field: 'segments[0]' });
    expect((await admin('PATCH', path, JSON.stringify({ segments: [vips] }))).json.segments).toEqual([vips]);
    expect((await admin('PATCH', path, '{"enabled": false}')).json.segments).toEqual([vips]); // kept when not named
    expect((await admin('PATCH', path, '{"segments": null}')).json.segments).toBeNull();
    expect((await admin('GET', '')).json).toEqual([expect.objectContaining({ id: added.json.id, segments: null })]);
    expect((await admin('DELETE', path)).status).toBe(204);
  });
});
