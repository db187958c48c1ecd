// The traits Pulse understands (who a person is: gender, age, education, work, place, communities, contacts), checked by zod.
import { z } from 'zod';
import { firstIssue } from '../validation.js';
import { communityTypes, educations, genders, type CommunityType } from '../model/profile.js';

export const genderLabels: Record<(typeof genders)[number], string> = { female: 'Female', male: 'Male', non_binary: 'Non-binary', other: 'Other' };
export const educationLabels: Record<(typeof educations)[number], string> = {
  school: 'School', college: 'College', bachelor: "Bachelor's degree", master: "Master's degree", doctorate: 'Doctorate', other: 'Other',
};
export const communityTypeLabels: Record<CommunityType, string> = {
  business: 'Business', brand: 'Brand or organization', public_page: 'Public page', interest_group: 'Interest group',
  thematic: 'Thematic community', event: 'Event',
};

/** Bounds of the lists a person carries: enough for a social profile, small enough to read in one go. */
export const maxCommunities = 100;
export const maxContacts = 100;

const noControlChars = /^[^\u0000-\u001f\u007f]*$/;
const place = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).regex(noControlChars, 'must not contain control characters');
/** A choice written in any case, with spaces or dashes: 'Non-binary' is non_binary. */
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(40)
    .transform((v) => v.trim().toLowerCase().replace(/[\s-]+/g, '_'))
    .pipe(z.enum(values, { error: `must be one of ${values.join(', ')}` }));

const community = z.object({
  id: z.union([z.string().trim().min(1).max(64), z.number().int().nonnegative()]).transform(String),
  name: place(200).optional(),
  type: choice(communityTypes),
});

/** One schema per known trait: a value that passes is stored as the schema outputs it. */
export const knownTraits = {
  gender: choice(genders),
  birth_date: z.iso
    .date('must be a date written YYYY-MM-DD')
    .refine((d) => d >= '1900-01-01', 'must be on or after 1900-01-01'),
  age: z.number().int('must be a whole number of years').min(0, 'must be from 0 to 120').max(120, 'must be from 0 to 120'),
  education: choice(educations),
  work: place(200),
  study: place(200),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166 country code')
    .transform((c) => c.toUpperCase()),
  city: place(100),
  communities: z.array(community).max(maxCommunities, `must hold at most ${maxCommunities} communities`),
  contacts: z
    .array(z.string().min(1).max(128).regex(noControlChars, 'must not contain control characters'))
    .max(maxContacts, `must hold at most ${maxContacts} user ids`)
    .transform((ids) => [...new Set(ids)]),
} satisfies Record<string, z.ZodType>;

export type KnownTrait = keyof typeof knownTraits;
export const isKnownTrait = (key: string): key is KnownTrait => Object.hasOwn(knownTraits, key);

/**
 * Bounds of a custom trait (any trait not known above): its value as JSON, and how many a person
 * keeps. Its key is bounded where the event is read (schema.ts: 64 printable characters).
 */
export const customTraitLimits = { valueBytes: 1_024, perProfile: 50 } as const;

/** A trait left out of an accepted event, and why. */
export interface IgnoredTrait {
  field: string;
  message: string;
}

/**
 * The traits of an event as they are stored: known ones in their checked form, custom ones within
 * their bounds, and null (which removes a trait) as sent. A trait that fails is left out and named,
 * and the rest of the event is kept: one bad field should not lose the purchase it came with, and
 * a rejected event is gone for good, since the SDK does not resend it.
 */
export function cleanTraits(traits: Record<string, unknown>): { traits: Record<string, unknown>; ignored: IgnoredTrait[] } {
  const kept: Record<string, unknown> = {};
  const ignored: IgnoredTrait[] = [];
  for (const [key, value] of Object.entries(traits)) {
    if (value === null) {
      kept[key] = null;
    } else if (isKnownTrait(key)) {
      const checked = knownTraits[key].safeParse(value);
      if (checked.success) kept[key] = checked.data;
      else ignored.push(firstIssue(checked.error, ['traits', key]));
    } else {
      const size = JSON.stringify(value).length;
      if (size <= customTraitLimits.valueBytes) kept[key] = value;
      else ignored.push({ field: `traits.${key}`, message: `traits.${key}: a custom trait must be at most ${customTraitLimits.valueBytes} bytes as JSON (is ${size})` });
    }
  }
  return { traits: kept, ignored };
}
