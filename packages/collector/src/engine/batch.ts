// One batch's unit of work: what its people need, read from storage up front; the writes their changes make, applied after, in order.
import type { Store } from '../storage/store.js';
import type { SiteSetup } from './site.js';
import { addToTally, type Tally } from '../segments/membership.js';
import { noCounts } from '../clusters/features.js';
import { circleContacts, circleDue } from '../profiles/dimensions.js';
import { longestWindowDays } from '../model/rule.js';
import { dayOf } from '../days.js';
import type { Profile, TypeCounts } from '../model/profile.js';
import type { FunnelAttempt } from '../model/funnel.js';
import type { FeatureCounts, Placement } from '../model/cluster.js';

/** One person as the batch holds them: the profile, and everything settling them reads. */
export interface Person {
  profile: Profile;
  /** Segment ids the person is in. */
  memberships: Set<number>;
  /** Counted days from the earliest any window reaches, this batch's counts included. */
  counted: Tally;
  /** Attempts by funnel id. */
  attempts: Map<number, FunnelAttempt>;
  /** Clustering counts (this batch's added) and where the person is placed. */
  features: { counts: FeatureCounts; placed: Placement };
  /** Points granted per capped definition and day, keyed `definitionId:day`. */
  dailyPoints: Map<string, number>;
}

/** A write, run after the computing is done, in the order the changes were made. */
export type Write = (store: Store) => void;

/** The groups a batch reads from. */
export type BatchReads = Pick<Store, 'profiles' | 'segments' | 'funnels' | 'clusters'>;

/** Which people a batch is about, and what else it will read of them. */
export interface BatchKeys {
  /** Visitors whose people the batch changes. */
  visitors?: Iterable<string>;
  /** User ids the batch's events name: their people may be merged with the visitors'. */
  users?: Iterable<string>;
  /** People already read, such as the sweeper's due ones. */
  profiles?: Iterable<Profile>;
  /** Days the batch's events fall on, for the daily caps. */
  days?: Iterable<number>;
  /** Whether the people's traits may change in the batch: their circles are then read. */
  traits?: boolean;
  /** User ids the batch's events list as contacts: their communities make the circles. */
  contacts?: Iterable<string>;
  /** Whether any person may be new: ids are set aside for them. */
  newPeople?: number;
}

export class Batch {
  readonly writes: Write[] = [];
  private readonly people = new Map<number, Person>();
  private readonly ofVisitor = new Map<string, number>();
  private readonly ofUser = new Map<string, number>();

  constructor(
    readonly site: SiteSetup,
    readonly now: number,
    private readonly freshIds: number[],
    private readonly contactCounts: ReadonlyMap<string, TypeCounts>,
  ) {}

  write(write: Write): void {
    this.writes.push(write);
  }

  /** Runs the writes in the order they were made. */
  commit(store: Store): void {
    for (const write of this.writes) write(store);
  }

  hold(person: Person, visitorIds: Iterable<string> = []): Person {
    this.people.set(person.profile.id, person);
    if (person.profile.userId !== null) this.ofUser.set(person.profile.userId, person.profile.id);
    for (const visitorId of visitorIds) this.ofVisitor.set(visitorId, person.profile.id);
    return person;
  }

  /** Every person the batch holds. */
  all(): IterableIterator<Person> {
    return this.people.values();
  }

  personOfId(profileId: number): Person | undefined {
    return this.people.get(profileId);
  }

  personOfVisitor(visitorId: string): Person | undefined {
    const id = this.ofVisitor.get(visitorId);
    return id === undefined ? undefined : this.people.get(id);
  }

  personOfUser(userId: string): Person | undefined {
    const id = this.ofUser.get(userId);
    return id === undefined ? undefined : this.people.get(id);
  }

  /** A person new to the batch and to storage, with the id set aside for them. */
  newPerson(fields: Pick<Profile, 'siteId' | 'userId' | 'source' | 'firstSeen'>): Person {
    const id = this.freshIds.shift();
    if (id === undefined) throw new Error('batch: more new people than ids set aside for them');
    const { firstSeen } = fields;
    const profile: Profile = {
      id, ...fields, traits: {}, country: null, city: null, device: null, lastSeen: firstSeen, events: 0, score: 0, scoreAt: firstSeen,
      scoreNow: 0, lifecycle: 'new', activeWeeks: 0, weekBase: 0, nextChangeAt: null, dimensions: null,
    };
    return this.hold({ profile, memberships: new Set(), counted: new Map(), attempts: new Map(), features: { counts: noCounts(), placed: unplaced() }, dailyPoints: new Map() });
  }

  /** From now on the visitor's events belong to this person. */
  link(visitorId: string, person: Person): void {
    this.ofVisitor.set(visitorId, person.profile.id);
  }

  /** The person took a user id. */
  named(person: Person): void {
    if (person.profile.userId !== null) this.ofUser.set(person.profile.userId, person.profile.id);
  }

  /** `from` was merged into `into`: every visitor of `from` leads to `into`, and `from` is gone. */
  merged(into: Person, from: Person): void {
    for (const [visitorId, id] of this.ofVisitor) if (id === from.profile.id) this.ofVisitor.set(visitorId, into.profile.id);
    this.people.delete(from.profile.id);
  }

  /** The own community counts of a person's contacts, as read for the batch (or as a contact the batch holds now has them). */
  circleOf(profile: Profile): TypeCounts[] {
    return circleContacts(profile).flatMap((userId) => {
      const held = this.personOfUser(userId)?.profile.dimensions;
      const counts = held !== undefined ? held?.own : this.contactCounts.get(userId);
      return counts ? [counts] : [];
    });
  }
}

const unplaced = (): Placement => ({ cluster: null, clusterScore: 0, clusterBuyer: 0 });

/**
 * Reads what a batch needs before anything is computed: the people of its visitors and user ids
 * (or the people given), then for all of them at once their memberships, counted days, funnel
 * attempts, clustering counts, the day's capped points, and their contacts' communities when
 * their circle may be recomputed. Only what the site's setup uses is read.
 */
export async function loadBatch(store: BatchReads, site: SiteSetup, now: number, keys: BatchKeys): Promise<Batch> {
  const { siteId } = site;
  const visitors = [...new Set(keys.visitors ?? [])];
  const users = [...new Set(keys.users ?? [])];
  // Several collectors on one database: the batch's people are held until its commit (a no-op on SQLite).
  await store.profiles.lockPeople(siteId, visitors, users);
  const ofVisitor = visitors.length ? await store.profiles.ofVisitors(siteId, visitors) : new Map<string, Profile>();
  const ofUser = users.length ? await store.profiles.ofUsers(siteId, users) : new Map<string, Profile>();
  const profiles = new Map<number, Profile>();
  for (const profile of [...(keys.profiles ?? []), ...ofVisitor.values(), ...ofUser.values()]) profiles.set(profile.id, profile);
  const ids = [...profiles.keys()];

  const memberships = site.segments.list.length ? await store.segments.membershipsOfPeople(siteId, ids) : new Map<number, Set<number>>();
  const counted = site.segments.all.length ? await store.segments.countedOfPeople(siteId, ids, dayOf(now) - longestWindowDays + 1) : new Map();
  const attempts = site.funnels.size ? await store.funnels.attemptsOfPeople(siteId, ids) : new Map<number, Map<number, FunnelAttempt>>();
  const features = site.model ? await store.clusters.countsOfPeople(ids, siteId) : new Map();
  const capped = [...site.definitions.values()].filter((d) => d.dailyCap !== null).map((d) => d.id);
  const days = [...new Set(keys.days ?? [])];
  const points = capped.length && days.length ? await store.profiles.dailyPointsOf(siteId, ids, capped, days) : [];
  const contacts = new Set<string>(keys.contacts ?? []);
  for (const profile of profiles.values()) if (keys.traits || circleDue(profile, now, false)) for (const id of circleContacts(profile)) contacts.add(id);
  const contactCounts = contacts.size ? await store.profiles.communityCountsOfUsers(siteId, [...contacts]) : new Map<string, TypeCounts>();

  const batch = new Batch(site, now, keys.newPeople ? await store.profiles.reserveIds(keys.newPeople) : [], contactCounts);
  for (const profile of profiles.values()) {
    const tally: Tally = new Map();
    for (const day of counted.get(profile.id) ?? []) addToTally(tally, day);
    const dailyPoints = new Map<string, number>();
    for (const row of points) if (row.profileId === profile.id) dailyPoints.set(`${row.definitionId}:${row.day}`, row.points);
    batch.hold({
      profile,
      memberships: memberships.get(profile.id) ?? new Set(),
      counted: tally,
      attempts: attempts.get(profile.id) ?? new Map(),
      features: features.get(profile.id) ?? { counts: noCounts(), placed: unplaced() },
      dailyPoints,
    });
  }
  for (const [visitorId, profile] of ofVisitor) batch.link(visitorId, batch.personOfId(profile.id)!);
  return batch;
}
