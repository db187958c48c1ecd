// Call tracking's storage: the site's settings, pools and numbers, leases with their history, calls, and pool tallies by hour.
import type { CallNumber, CallPool, CallRecord, CallSettings, Lease, LeaseContext } from '../model/call.js';

/** A pool as saved: its own fields and the numbers it leases. */
export interface PoolFields {
  name: string;
  defaultNumber: string;
  publishedNumber: string | null;
  selector: string | null;
  holdMs: number;
}

export interface NewLease extends LeaseContext {
  siteId: number;
  poolId: number;
  numberId: number;
  sessionId: string;
  visitorId: string;
  startedAt: number;
  endsAt: number;
}

/** A day of calls as the Calls page counts them. */
export interface CallDay {
  day: string;
  calls: number;
  answered: number;
  attributed: number;
  firstTime: number;
}

/** A pool's hourly tallies summed over a period, and its busiest hour. */
export interface PoolTally {
  sessions: number;
  misses: number;
  peakHourSessions: number;
}

export interface CallStore {
  settings(siteId: number): Promise<CallSettings | undefined>;
  /** The site's settings, made with this secret and salt the first time they are asked for. */
  ensureSettings(siteId: number, signingSecret: string, hashSalt: Buffer): Promise<CallSettings>;
  setStoreCallers(siteId: number, on: boolean): void;
  setSigningSecret(siteId: number, secret: string): void;
  /** The callback widget's settings, as JSON. */
  setWidget(siteId: number, json: string): void;

  /** The site's pools, oldest first (a copy kept until a pool changes). */
  pools(siteId: number): Promise<CallPool[]>;
  insertPool(siteId: number, fields: PoolFields, now: number): Promise<number>;
  updatePool(id: number, fields: PoolFields): void;
  deletePool(siteId: number, id: number): Promise<boolean>;
  /** The site's numbers: pooled and static. */
  numbers(siteId: number): Promise<CallNumber[]>;
  /** Whose number this is: any site's. */
  numberOf(number: string): Promise<CallNumber | undefined>;
  /** Makes the pool's numbers exactly these: new ones added free, missing ones removed with their lease history. */
  setPoolNumbers(siteId: number, poolId: number, numbers: string[]): void;
  insertStaticNumber(siteId: number, number: string, source: string, campaign: string | null): Promise<number>;
  deleteNumber(siteId: number, id: number): Promise<boolean>;

  /**
   * Holds the session until the transaction ends, so that with several collectors one session's
   * number requests take turns (as SQLite's one writer runs them): otherwise two arriving together
   * each find no lease and each take a number. A no-op on SQLite.
   */
  lockSession(siteId: number, sessionId: string): Promise<void>;
  /** The session's lease in the pool still held at `now` (a lease holds its number through its end). */
  liveLease(siteId: number, poolId: number, sessionId: string, now: number): Promise<Lease | undefined>;
  /** The pool's number free longest at `now`, its last lease ended before it: the least recently released. */
  freeNumber(poolId: number, now: number): Promise<CallNumber | undefined>;
  insertLease(lease: NewLease): Promise<number>;
  renewLease(siteId: number, leaseId: number, numberId: number, now: number, endsAt: number): void;
  /** The lease of the number that began last at or before `ts` (it may have ended since). */
  leaseAt(siteId: number, numberId: number, ts: number): Promise<Lease | undefined>;
  liveLeaseCount(poolId: number, now: number): Promise<number>;
  countPoolHour(siteId: number, poolId: number, hour: number, sessions: number, misses: number): void;
  poolTally(siteId: number, poolId: number, fromHour: number, toHour: number): Promise<PoolTally>;
  /** Pairs of the pool's leases that held one number at the same moment, ends included: 0 unless leasing is broken. */
  overlappingLeases(siteId: number, poolId: number): Promise<number>;

  callById(siteId: number, callId: string): Promise<CallRecord | undefined>;
  /** The latest call of this caller that named a person. */
  lastKnownCall(siteId: number, callerHash: Buffer): Promise<CallRecord | undefined>;
  hasCalled(siteId: number, callerHash: Buffer): Promise<boolean>;
  insertCall(call: Omit<CallRecord, 'id'>): Promise<number>;
  calls(siteId: number, from: number, to: number, limit: number): Promise<CallRecord[]>;
  callDays(siteId: number, from: number, to: number): Promise<CallDay[]>;
  /** Calls of the range counted by a column (source, campaign, landing_page, device, city), top first. */
  callsBy(siteId: number, column: 'source' | 'campaign' | 'landing_page' | 'device' | 'city', from: number, to: number, limit: number): Promise<{ value: string | null; calls: number }[]>;
  callsOfVisitors(siteId: number, visitorIds: string[]): Promise<CallRecord[]>;
  /** Forgets the calls and leases of a person's browsers; how many calls went. */
  deleteOfVisitors(siteId: number, visitorIds: string[]): Promise<number>;
  /** Retention: calls and leases that began before the cutoff, a chunk at a time; how many rows went. */
  deleteBefore(siteId: number, cutoff: number, limit: number): Promise<number>;
}
