// A person as Pulse keeps them: the profile row, its group, and the vocabularies of who they are.

/** The specification's three groups. */
export const lifecycles = ['new', 'active', 'passive'] as const;
export type Lifecycle = (typeof lifecycles)[number];

/** The device classes of seed 001's ad slots (`adaptive: [desktop, tablet, phone]`). */
export const deviceClasses = ['desktop', 'tablet', 'phone'] as const;
export type DeviceClass = (typeof deviceClasses)[number];

export const genders = ['female', 'male', 'non_binary', 'other'] as const;
export const educations = ['school', 'college', 'bachelor', 'master', 'doctorate', 'other'] as const;
export const ageBands = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof ageBands)[number];

/** The six types of a VK community. */
export const communityTypes = ['business', 'brand', 'public_page', 'interest_group', 'thematic', 'event'] as const;
export type CommunityType = (typeof communityTypes)[number];

/** How many communities of each type; a type with none is left out. */
export type TypeCounts = Partial<Record<CommunityType, number>>;

export interface ProfileDimensions {
  /** The person's own communities, counted by type. */
  own: TypeCounts;
  /**
   * The circle: the sum of the contacts' `own` counts (a community three contacts share counts
   * three times, as it is that much more present around the person), as of circleAt.
   */
  circle: TypeCounts;
  circleAt: number | null;
  /** When the `age` trait was last stated, so that the age it gives grows with time. */
  ageStatedAt: number | null;
}

export interface Profile {
  id: number;
  siteId: number;
  userId: string | null;
  /** Where the person first came from: a campaign source, a referring host, or 'direct'. */
  source: string;
  /** What identify() said about the person, latest value per key. */
  traits: Record<string, unknown>;
  /** Where and on what the person was last seen. */
  country: string | null;
  city: string | null;
  device: string | null;
  firstSeen: number;
  lastSeen: number;
  events: number;
  /** The score as it stood at scoreAt; decay it to read it at another time. */
  score: number;
  scoreAt: number;
  /** The score decayed to the last event or sweep; the sweeper refreshes it when decay is due. */
  scoreNow: number;
  lifecycle: Lifecycle;
  /** Bit i set: active in calendar week weekBase - i. */
  activeWeeks: number;
  weekBase: number;
  /** When time alone next changes the profile (the sweeper's schedule), or null. */
  nextChangeAt: number | null;
  /** Community types of the person and their circle, and when their age was stated; null when none. */
  dimensions: ProfileDimensions | null;
}

/** A change of group, as a person's history lists it. */
export interface LifecycleChange {
  at: number;
  from: Lifecycle;
  to: Lifecycle;
}
