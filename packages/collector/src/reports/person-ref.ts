// Which person a personal-data request is about: by profile id, by browser (visitor id) or by the site's user id.
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import type { Profile } from '../model/profile.js';

export const personKinds = ['profile', 'visitor', 'user'] as const;
export type PersonKind = (typeof personKinds)[number];

export const personRefSchema = z.object({
  by: z.enum(personKinds),
  id: z.string().trim().min(1, 'must not be empty').max(200),
});
export type PersonRef = z.infer<typeof personRefSchema>;

export async function findPerson(store: Pick<Store, 'profiles'>, siteId: number, { by, id }: PersonRef): Promise<Profile | undefined> {
  if (by === 'visitor') return store.profiles.ofVisitor(siteId, id);
  if (by === 'user') return store.profiles.ofUser(siteId, id);
  return /^\d{1,15}$/.test(id) ? await store.profiles.find(siteId, Number(id)) : undefined;
}
