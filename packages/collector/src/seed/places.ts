// Where visitors are: countries with real public address blocks of their ISPs (so DB-IP finds a city), clocks and languages.
import { between, pick, type Random } from './random.js';

export interface Zone {
  name: string;
  /** Hours ahead of UTC, daylight saving left aside: enough to put evenings in the evening. */
  offset: number;
}

export interface Country {
  code: string;
  weight: number;
  /** CIDR blocks of the country's big ISPs; DB-IP maps addresses in them to this country and a spread of its cities. */
  blocks: string[];
  zones: Zone[];
  language: string;
  google: string;
  /** The share of organic searches made on Yandex rather than Google or Bing. */
  yandex: number;
  names: string;
  cities: string[];
  mail: string[];
  dial: string;
}

const zone = (name: string, offset: number): Zone => ({ name, offset });

// The shop is in Vermont and prices in USD: North America leads, Europe follows, the rest find it by search.
export const countries: Country[] = [
  { code: 'US', weight: 40, blocks: ['73.0.0.0/8', '71.192.0.0/12', '98.192.0.0/10', '99.0.0.0/10', '2607:fb90::/32'], zones: [zone('America/New_York', -5), zone('America/New_York', -5), zone('America/Chicago', -6), zone('America/Denver', -7), zone('America/Los_Angeles', -8)], language: 'en-US', google: 'www.google.com', yandex: 0, names: 'en', cities: ['New York', 'Boston', 'Burlington', 'Chicago', 'Austin', 'Denver', 'Seattle', 'San Francisco', 'Los Angeles', 'Atlanta'], mail: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com'], dial: '+1' },
  { code: 'CA', weight: 7, blocks: ['99.224.0.0/11', '70.24.0.0/13', '174.88.0.0/13'], zones: [zone('America/Toronto', -5), zone('America/Vancouver', -8)], language: 'en-CA', google: 'www.google.ca', yandex: 0, names: 'en', cities: ['Toronto', 'Montreal', 'Ottawa', 'Vancouver', 'Calgary'], mail: ['gmail.com', 'outlook.com', 'icloud.com', 'hotmail.com'], dial: '+1' },
  { code: 'GB', weight: 9, blocks: ['86.128.0.0/10', '81.96.0.0/12', '90.192.0.0/11'], zones: [zone('Europe/London', 0)], language: 'en-GB', google: 'www.google.co.uk', yandex: 0, names: 'en', cities: ['London', 'Manchester', 'Bristol', 'Leeds', 'Edinburgh', 'Brighton'], mail: ['gmail.com', 'outlook.com', 'btinternet.com', 'icloud.com'], dial: '+44' },
  { code: 'DE', weight: 8, blocks: ['79.192.0.0/10', '84.128.0.0/10', '91.0.0.0/10'], zones: [zone('Europe/Berlin', 1)], language: 'de-DE', google: 'www.google.de', yandex: 0, names: 'de', cities: ['Berlin', 'Hamburg', 'München', 'Köln', 'Frankfurt am Main', 'Leipzig'], mail: ['gmail.com', 'gmx.de', 'web.de', 't-online.de'], dial: '+49' },
  { code: 'FR', weight: 5, blocks: ['90.0.0.0/9', '86.192.0.0/11', '2a01:cb00::/24'], zones: [zone('Europe/Paris', 1)], language: 'fr-FR', google: 'www.google.fr', yandex: 0, names: 'fr', cities: ['Paris', 'Lyon', 'Marseille', 'Nantes', 'Lille', 'Bordeaux'], mail: ['gmail.com', 'orange.fr', 'free.fr', 'hotmail.fr'], dial: '+33' },
  { code: 'NL', weight: 3, blocks: ['77.160.0.0/12', '84.80.0.0/13'], zones: [zone('Europe/Amsterdam', 1)], language: 'nl-NL', google: 'www.google.nl', yandex: 0, names: 'nl', cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven'], mail: ['gmail.com', 'ziggo.nl', 'outlook.com'], dial: '+31' },
  { code: 'SE', weight: 2, blocks: ['78.64.0.0/12', '90.224.0.0/13'], zones: [zone('Europe/Stockholm', 1)], language: 'sv-SE', google: 'www.google.se', yandex: 0, names: 'nordic', cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'], mail: ['gmail.com', 'telia.com', 'outlook.com'], dial: '+46' },
  { code: 'NO', weight: 1, blocks: ['84.208.0.0/13', '88.88.0.0/14'], zones: [zone('Europe/Oslo', 1)], language: 'nb-NO', google: 'www.google.no', yandex: 0, names: 'nordic', cities: ['Oslo', 'Bergen', 'Trondheim'], mail: ['gmail.com', 'online.no'], dial: '+47' },
  { code: 'RU', weight: 6, blocks: ['95.24.0.0/13', '85.140.0.0/15', '46.138.0.0/16'], zones: [zone('Europe/Moscow', 3), zone('Europe/Moscow', 3), zone('Asia/Yekaterinburg', 5), zone('Asia/Novosibirsk', 7)], language: 'ru-RU', google: 'www.google.ru', yandex: 0.6, names: 'ru', cities: ['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург'], mail: ['yandex.ru', 'mail.ru', 'gmail.com'], dial: '+7' },
  { code: 'ES', weight: 3, blocks: ['83.32.0.0/11', '88.0.0.0/11'], zones: [zone('Europe/Madrid', 1)], language: 'es-ES', google: 'www.google.es', yandex: 0, names: 'es', cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla'], mail: ['gmail.com', 'hotmail.es', 'yahoo.es'], dial: '+34' },
  { code: 'IT', weight: 3, blocks: ['79.0.0.0/10', '87.0.0.0/12'], zones: [zone('Europe/Rome', 1)], language: 'it-IT', google: 'www.google.it', yandex: 0, names: 'it', cities: ['Roma', 'Milano', 'Torino', 'Bologna', 'Firenze'], mail: ['gmail.com', 'libero.it', 'hotmail.it'], dial: '+39' },
  { code: 'PL', weight: 2, blocks: ['83.0.0.0/11', '89.64.0.0/12'], zones: [zone('Europe/Warsaw', 1)], language: 'pl-PL', google: 'www.google.pl', yandex: 0, names: 'pl', cities: ['Warszawa', 'Kraków', 'Wrocław', 'Poznań', 'Gdańsk'], mail: ['gmail.com', 'wp.pl', 'o2.pl'], dial: '+48' },
  { code: 'AU', weight: 4, blocks: ['1.120.0.0/13', '101.160.0.0/12', '121.208.0.0/12'], zones: [zone('Australia/Sydney', 10), zone('Australia/Melbourne', 10), zone('Australia/Perth', 8)], language: 'en-AU', google: 'www.google.com.au', yandex: 0, names: 'en', cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth', 'Adelaide'], mail: ['gmail.com', 'bigpond.com', 'outlook.com'], dial: '+61' },
  { code: 'IN', weight: 3, blocks: ['117.192.0.0/10'], zones: [zone('Asia/Kolkata', 5.5)], language: 'en-IN', google: 'www.google.co.in', yandex: 0, names: 'in', cities: ['Bengaluru', 'Mumbai', 'New Delhi', 'Pune', 'Chennai'], mail: ['gmail.com', 'yahoo.co.in', 'rediffmail.com'], dial: '+91' },
  { code: 'BR', weight: 3, blocks: ['177.0.0.0/10', '179.96.0.0/11'], zones: [zone('America/Sao_Paulo', -3)], language: 'pt-BR', google: 'www.google.com.br', yandex: 0, names: 'pt', cities: ['São Paulo', 'Rio de Janeiro', 'Belo Horizonte', 'Curitiba', 'Porto Alegre'], mail: ['gmail.com', 'hotmail.com', 'uol.com.br'], dial: '+55' },
  { code: 'JP', weight: 2, blocks: ['220.96.0.0/14', '126.0.0.0/9'], zones: [zone('Asia/Tokyo', 9)], language: 'ja-JP', google: 'www.google.co.jp', yandex: 0, names: 'ja', cities: ['Tokyo', 'Osaka', 'Yokohama', 'Nagoya', 'Sapporo'], mail: ['gmail.com', 'yahoo.co.jp', 'docomo.ne.jp'], dial: '+81' },
];

interface Block {
  v6: boolean;
  /** The first address, as a number: IPv4's 32 bits, or an IPv6 prefix's first 32. */
  first: number;
  size: number;
}

const blocks = new Map<string, Block>();

function parse(block: string): Block {
  const [base, bits] = block.split('/') as [string, string];
  if (!base.includes(':')) return { v6: false, first: base.split('.').reduce((n, part) => n * 256 + Number(part), 0), size: 2 ** (32 - Number(bits)) };
  const [a = 0, b = 0] = base.replace(/::$/, '').split(':').map((group) => parseInt(group, 16));
  return { v6: true, first: a * 65_536 + b, size: 2 ** (32 - Number(bits)) };
}

const group = (r: Random) => between(r, 0, 0xffff).toString(16);

/** A random address in a block: IPv4 a.b.c.d/n, or an IPv6 prefix p::/n of up to 32 bits. */
export function addressIn(r: Random, block: string): string {
  let parsed = blocks.get(block);
  if (!parsed) blocks.set(block, (parsed = parse(block)));
  const n = parsed.first + between(r, 0, parsed.size - 1);
  if (parsed.v6) return `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}:${group(r)}:${group(r)}:${group(r)}:${group(r)}:${group(r)}:${group(r)}`;
  // Neither a network's first address nor the last of any /24.
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${Math.min(254, Math.max(1, n & 255))}`;
}

export const addressOf = (r: Random, country: Country) => addressIn(r, pick(r, country.blocks));
