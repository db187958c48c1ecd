// Browsers as the collector sees them: real User-Agent strings (never a crawler's, which it drops) and screen sizes.
import { pick, weighted, type Random } from './random.js';
import type { DeviceClass } from '../model/profile.js';

export interface Device {
  kind: DeviceClass;
  userAgent: string;
  screen: { width: number; height: number };
}

const chromeVersion = ['129.0.0.0', '130.0.0.0', '131.0.0.0'];

const agents: Record<DeviceClass, readonly (readonly [(r: Random) => string, number])[]> = {
  desktop: [
    [(r) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Safari/537.36`, 42],
    [(r) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Safari/537.36 Edg/131.0.0.0`, 11],
    [() => 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 6],
    [(r) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Safari/537.36`, 14],
    [(r) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(r, ['17.6', '18.1'])} Safari/605.1.15`, 15],
    [() => 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0', 3],
    [(r) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Safari/537.36`, 5],
    [() => 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 4],
  ],
  phone: [
    [(r) => `Mozilla/5.0 (iPhone; CPU iPhone OS ${pick(r, ['17_6', '18_0', '18_1'])} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${pick(r, ['17.6', '18.0', '18.1'])} Mobile/15E148 Safari/604.1`, 46],
    [() => 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1', 5],
    [(r) => `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Mobile Safari/537.36`, 30],
    [(r) => `Mozilla/5.0 (Linux; Android 14; ${pick(r, ['SM-S921B', 'Pixel 8', 'SM-A546B', '2201117TG'])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Mobile Safari/537.36`, 12],
    [() => 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 7],
  ],
  tablet: [
    // iPadOS Safari says "Macintosh" by default and counts as a desktop; these are the iPads that say iPad.
    [(r) => `Mozilla/5.0 (iPad; CPU OS ${pick(r, ['17_6', '18_1'])} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1`, 60],
    [() => 'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1', 10],
    [(r) => `Mozilla/5.0 (Linux; Android 14; ${pick(r, ['SM-X710', 'SM-X210'])}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${pick(r, chromeVersion)} Safari/537.36`, 30],
  ],
};

const screen = (size: string, weight: number) => {
  const [width, height] = size.split('x').map(Number) as [number, number];
  return [{ width, height }, weight] as const;
};
const screens: Record<DeviceClass, readonly (readonly [Device['screen'], number])[]> = {
  desktop: [screen('1920x1080', 40), screen('1536x864', 14), screen('1440x900', 12), screen('2560x1440', 10), screen('1366x768', 10), screen('1680x1050', 6), screen('1280x800', 8)],
  phone: [screen('390x844', 24), screen('393x852', 18), screen('430x932', 10), screen('412x915', 22), screen('360x800', 16), screen('375x667', 10)],
  tablet: [screen('820x1180', 40), screen('810x1080', 25), screen('1024x1366', 15), screen('800x1280', 20)],
};

const kinds = [['phone', 50], ['desktop', 43], ['tablet', 7]] as const;

/** Phones lead, as on most shops today; tablets are few. */
export const deviceKind = (r: Random): DeviceClass => weighted(r, kinds);

export function deviceOf(r: Random, kind: DeviceClass): Device {
  // The screen object is shared: events carry it as their context's screen, and nothing changes it.
  return { kind, userAgent: weighted(r, agents[kind])(r), screen: weighted(r, screens[kind]) };
}
