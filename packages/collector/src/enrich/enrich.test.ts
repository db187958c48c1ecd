import { describe, expect, it } from 'vitest';
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseUserAgent } from './user-agent.js';
import { openGeo, defaultGeoFiles } from './geo.js';
import { clientIpResolver } from './client-ip.js';
import { describeSender } from './enrich.js';
import { desktopChrome, iphoneSafari } from '../testing/events.js';

const ipad =
  'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1';
const androidTablet =
  'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const androidPhone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('parseUserAgent', () => {
  it('classes devices as desktop, tablet or phone', () => {
    expect(parseUserAgent(desktopChrome)).toEqual({ bot: false, device: 'desktop', browser: 'Chrome', os: 'Linux' });
    expect(parseUserAgent(iphoneSafari)).toMatchObject({ device: 'phone', os: 'iOS' });
    expect(parseUserAgent(androidPhone)).toMatchObject({ device: 'phone', os: 'Android' });
    expect(parseUserAgent(ipad).device).toBe('tablet');
    expect(parseUserAgent(androidTablet).device).toBe('tablet');
  });

  it('answers a repeated agent from its cache', () => {
    expect(parseUserAgent(iphoneSafari)).toBe(parseUserAgent(iphoneSafari));
  });
});

describe('geo', () => {
  const geo = openGeo(defaultGeoFiles());

  it('finds the country and city of public IPv4 and IPv6 addresses', () => {
    expect(geo('8.8.8.8')).toMatchObject({ country: 'US' });
    expect(geo('::ffff:8.8.8.8')).toMatchObject({ country: 'US' });
    expect(geo('2001:4860:4860::8888')?.country).toMatch(/^[A-Z]{2}$/);
    expect(geo('8.8.8.8')?.city).toEqual(expect.any(String));
  });

  it('finds nothing for private, loopback and malformed addresses', () => {
    expect(geo('127.0.0.1')).toBeNull();
    expect(geo('10.1.2.3')).toBeNull();
    expect(geo('not an ip')).toBeNull();
  });
});

describe('describeSender', () => {
  it('flags crawlers and scripts as bots and keeps only the place of the address', () => {
    const geo = openGeo(defaultGeoFiles());
    expect(describeSender(googlebot, undefined, geo).bot).toBe(true);
    expect(describeSender(undefined, undefined, geo).bot).toBe(true);
    const sender = describeSender(iphoneSafari, '8.8.8.8', geo);
    expect(sender).toMatchObject({ bot: false, device: 'phone', country: 'US' });
    expect(JSON.stringify(sender)).not.toContain('8.8.8.8');
  });
});

describe('clientIpResolver', () => {
  async function resolvedIp(trusted: string[], forwardedFor: string): Promise<string | undefined> {
    const resolve = clientIpResolver(trusted);
    let seen: string | undefined;
    const server = createServer((req: IncomingMessage, res) => {
      seen = resolve(req);
      res.end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((done) => {
      request({ host: '127.0.0.1', port, headers: { 'x-forwarded-for': forwardedFor } }, (res) => {
        res.resume();
        res.on('end', done);
      }).end();
    });
    server.close();
    return seen;
  }

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    expect(await resolvedIp([], '8.8.8.8')).toBe('127.0.0.1');
    expect(await resolvedIp(['loopback'], '8.8.8.8')).toBe('8.8.8.8');
    // Only the hop the trusted proxy saw counts, not what the client wrote before it.
    expect(await resolvedIp(['loopback'], '1.1.1.1, 8.8.8.8')).toBe('8.8.8.8');
  });
});
