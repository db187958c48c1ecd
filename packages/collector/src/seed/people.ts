// A person of the seeded audience: where they are, when they visit, their browsers and who they say they are, all drawn from the seed and their number.
import { calendarOf, returnTime, visitTime, type Calendar } from './calendar.js';
import { deviceKind, deviceOf, type Device } from './devices.js';
import { uuidv7 } from './ids.js';
import { emailOf, nameOf, type Name } from './names.js';
import { addressOf, countries, type Country, type Zone } from './places.js';
import { between, chance, pick, random, repeats, weighted } from './random.js';

export interface Audience {
  seed: number;
  calendar: Calendar;
  /** The mean number of visits a person makes, before the window's end cuts some off. */
  meanVisits: number;
  maxVisits: number;
  categories: string[];
}

export function audienceOf(options: { seed: number; end: number; days: number; events: number; profiles: number; categories: string[] }): Audience {
  const perPerson = options.events / options.profiles;
  return {
    seed: options.seed,
    calendar: calendarOf(options.end, options.days),
    // A visit averages about five events; nobody makes more visits than the events allow.
    meanVisits: Math.min(20, Math.max(1, perPerson / 5)),
    maxVisits: Math.max(1, Math.min(60, Math.floor(perPerson))),
    categories: options.categories,
  };
}

export interface Visits {
  country: Country;
  zone: Zone;
  /** When each visit in the window starts, in order. */
  starts: number[];
  /** The number of the first of them among all the person's visits: those before the window are not played. */
  first: number;
}

const countryWeights = countries.map((c) => [c, c.weight] as const);

/** Stream 0 of the person: only what the plan of all visits needs, so planning draws nothing else. */
export function visitsOf(audience: Audience, number: number): Visits {
  const r = random(audience.seed, number, 0);
  const country = weighted(r, countryWeights);
  const zone = pick(r, country.zones);
  const { calendar } = audience;
  const times = [visitTime(r, calendar, zone.offset)];
  const more = repeats(r, 1 - 1 / audience.meanVisits, audience.maxVisits - 1);
  for (let i = 0; i < more; i++) {
    const next = returnTime(r, times[times.length - 1]!, zone.offset);
    if (next >= calendar.end - 60_000) break;
    times.push(next);
  }
  let first = times.findIndex((t) => t >= calendar.start);
  // Everyone comes at least once in the window: someone whose visits all came before it comes back once more.
  if (first === -1) first = times.push(visitTime(r, calendar, zone.offset, calendar.start)) - 1;
  return { country, zone, starts: times.slice(first), first };
}

/** A browser on a device: its own visitor id, User-Agent and address. */
export interface Browser {
  visitorId: string;
  device: Device;
  ip: string;
}

export interface Person extends Visits {
  number: number;
  main: Browser;
  /** Another device some people also shop on, once they have logged in on it. */
  other: Browser | null;
  name: Name;
  email: string;
  phone: string;
  birthYear: number;
  city: string;
  plan: 'free' | 'plus' | 'pro';
  interest: string;
  /** Gives one or two stars whatever they buy: the reviewers someone should call. */
  grumpy: boolean;
}

const plans = [['free', 72], ['plus', 20], ['pro', 8]] as const;
const ages: (readonly [readonly [number, number], number])[] = [[[18, 24], 14], [[25, 34], 30], [[35, 44], 24], [[45, 54], 16], [[55, 64], 10], [[65, 80], 6]];

export function personOf(audience: Audience, number: number): Person {
  const visits = visitsOf(audience, number);
  const r = random(audience.seed, number, 1);
  const { country } = visits;
  const kind = deviceKind(r);
  const main = { visitorId: uuidv7(visits.starts[0]!, r), device: deviceOf(r, kind), ip: addressOf(r, country) };
  const other = chance(r, 0.3)
    ? { visitorId: uuidv7(visits.starts[0]!, r), device: deviceOf(r, kind === 'desktop' ? 'phone' : 'desktop'), ip: chance(r, 0.5) ? main.ip : addressOf(r, country) }
    : null;
  const name = nameOf(r, country.names);
  const [youngest, oldest] = weighted(r, ages);
  // Listed, not spread: V8 builds a spread object with this many more fields slowly, and this runs for every visit.
  return {
    country,
    zone: visits.zone,
    starts: visits.starts,
    first: visits.first,
    number,
    main,
    other,
    name,
    email: emailOf(r, name, number, country.mail),
    phone: `${country.dial} ${between(r, 200, 999)} ${between(r, 100, 999)} ${between(r, 1000, 9999)}`,
    birthYear: new Date(audience.calendar.end).getUTCFullYear() - between(r, youngest, oldest),
    city: pick(r, country.cities),
    plan: weighted(r, plans),
    interest: pick(r, audience.categories),
    grumpy: chance(r, 0.05),
  };
}
