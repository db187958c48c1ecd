// What a seeded customer tells the shop about themselves when they sign up beyond name and email: birth date, education, work, VK communities and contacts.
import { personOf, type Audience, type Person } from './people.js';
import { between, chance, pick, random, weighted } from './random.js';
import type { CommunityType } from '../model/profile.js';

interface Community {
  id: string;
  name: string;
  type: CommunityType;
}

/** The VK communities the shop's customers belong to: some about each catalog category, some about anything. */
const byCategory: Record<string, Community[]> = {
  Coffee: [
    { id: 'club1001', name: 'Home Barista Club', type: 'interest_group' },
    { id: 'club1002', name: 'Northern Roasters', type: 'brand' },
    { id: 'club1003', name: 'Coffee Every Morning', type: 'public_page' },
    { id: 'club1004', name: 'Specialty Coffee Guide', type: 'thematic' },
  ],
  Kitchen: [
    { id: 'club2001', name: 'Cook at Home', type: 'public_page' },
    { id: 'club2002', name: 'Cast Iron Owners', type: 'interest_group' },
    { id: 'club2003', name: 'Steelware Co.', type: 'brand' },
    { id: 'club2004', name: 'Seasonal Recipes', type: 'thematic' },
  ],
  Outdoor: [
    { id: 'club3001', name: 'Weekend Hikers', type: 'interest_group' },
    { id: 'club3002', name: 'City Trail Run 2026', type: 'event' },
    { id: 'club3003', name: 'Trailgear', type: 'brand' },
    { id: 'club3004', name: 'Camping Know-how', type: 'thematic' },
  ],
  Audio: [
    { id: 'club4001', name: 'Vinyl Collectors', type: 'interest_group' },
    { id: 'club4002', name: 'Open Air Sound Festival', type: 'event' },
    { id: 'club4003', name: 'Soundworks', type: 'brand' },
    { id: 'club4004', name: 'Music News Daily', type: 'public_page' },
  ],
};
/** Communities of people who run or work in a business: the B2B buyers a sales team calls first. */
const business: Community[] = [
  { id: 'club5001', name: 'Small Business Owners', type: 'business' },
  { id: 'club5002', name: 'Cafe & Restaurant Suppliers', type: 'business' },
  { id: 'club5003', name: 'Retail Founders Network', type: 'business' },
  { id: 'club5004', name: 'Office Managers Hub', type: 'business' },
];
const anyone: Community[] = [
  { id: 'club6001', name: 'Memes Every Day', type: 'public_page' },
  { id: 'club6002', name: 'Local News', type: 'public_page' },
  { id: 'club6003', name: 'Photography for Beginners', type: 'thematic' },
  { id: 'club6004', name: 'Book Lovers', type: 'interest_group' },
  { id: 'club6005', name: 'Winter Market Fair', type: 'event' },
];

const educations = [['school', 15], ['college', 25], ['bachelor', 35], ['master', 20], ['doctorate', 5]] as const;
const employers = ['Northwind Logistics', 'Blue Harbor Bank', 'City Hospital', 'Brightline Studio', 'Greenfield School', 'self-employed'];

const unique = (list: Community[]) => [...new Map(list.map((c) => [c.id, c])).values()];

/**
 * A customer's sign-up traits beyond name and email, from their own random stream (the rest of
 * the seed draws the same with or without them). About one in five is a business buyer whose
 * communities are mostly Business; the others lean to communities about what they shop for.
 * Contacts are other customers of the audience, named by their user id (email).
 */
export function socialOf(audience: Audience, person: Person, profiles: number): Record<string, unknown> {
  const r = random(audience.seed, person.number, 9);
  const month = between(r, 1, 12);
  const birthDate = `${person.birthYear}-${String(month).padStart(2, '0')}-${String(between(r, 1, 28)).padStart(2, '0')}`;
  const buyer = chance(r, 0.2);
  const communities: Community[] = [];
  for (let n = between(r, 1, 7); n > 0; n--) {
    const from = buyer && chance(r, 0.7) ? business : chance(r, 0.6) ? (byCategory[person.interest] ?? anyone) : anyone;
    communities.push(pick(r, from));
  }
  const contacts = new Set<string>();
  for (let n = between(r, 0, 4); n > 0 && profiles > 1; n--) {
    const other = between(r, 0, profiles - 1);
    if (other !== person.number) contacts.add(personOf(audience, other).email);
  }
  return {
    birth_date: birthDate,
    education: weighted(r, educations),
    work: buyer ? pick(r, employers.slice(0, 5)) : pick(r, employers),
    communities: unique(communities),
    contacts: [...contacts],
  };
}
