// Bot or person, browser, OS and device class from a User-Agent header, worked out once per distinct agent.
import { UAParser } from 'ua-parser-js';
import { LRUCache } from 'lru-cache';
import { isbot } from 'isbot';
import type { DeviceClass } from '../model/profile.js';


export interface Agent {
  bot: boolean;
  device: DeviceClass;
  browser: string | null;
  os: string | null;
}

// A site's traffic comes from a few thousand distinct agents; parsing and isbot's pattern cost ~100x a cache hit.
const cache = new LRUCache<string, Agent>({ max: 5_000 });

export function parseUserAgent(userAgent: string): Agent {
  const cached = cache.get(userAgent);
  if (cached) return cached;
  const result = new UAParser(userAgent).getResult();
  const agent: Agent = {
    // An empty agent is a script, not a browser: browsers always send one.
    bot: userAgent === '' || isbot(userAgent),
    device: deviceClass(result.device.type),
    browser: result.browser.name ?? null,
    os: result.os.name ?? null,
  };
  cache.set(userAgent, agent);
  return agent;
}

function deviceClass(type: string | undefined): DeviceClass {
  if (type === 'mobile' || type === 'wearable') return 'phone';
  if (type === 'tablet') return 'tablet';
  return 'desktop';
}
