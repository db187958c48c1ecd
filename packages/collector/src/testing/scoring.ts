// Ingest over a real SQLite file with a clock the test moves, and a look at the scores it produced.
import { expect } from 'vitest';
import type { Store } from '../storage/store.js';
import { testDb, testStore } from './backend.js';
import { localWriter } from '../engine/commands.js';
import { ingestBatch } from '../ingest/ingest.js';
import { addSite } from '../sites/sites.js';
import { defaultScoring } from '../score/score.js';
import { decayedScore } from '../score/decay.js';
import type { Segment } from '../model/segment.js';
import type { Profile } from '../model/profile.js';
import { saveSegment } from '../jobs/segments.js';
import { desktopChrome, uuidv7, wireEvent } from './events.js';
import type { Rule } from '../model/rule.js';

export const day = 86_400_000;
export const start = Date.UTC(2026, 0, 5, 10);

export interface ScriptedEvent {
  name: string;
  props?: Record<string, unknown>;
  visitor?: string;
  /** The visitor's one session unless named. */
  session?: string;
  user?: string;
  ts?: number;
  url?: string;
  referrer?: string;
  traits?: Record<string, unknown>;
}

export async function scoringSetup() {
  const path = await testDb();
  const store = await testStore(path);
  const site = await addSite(store, ['shop.example'], start, 'shop');
  const writer = localWriter(store);
  const deps = { store, writer, geo: null };
  /** Sends one batch received at `at`; each event happens at `at` unless it says otherwise. */
  const send = async (at: number, ...events: ScriptedEvent[]) => {
    const answer = await ingestBatch(deps, {
      body: {
        site: 'shop',
        events: events.map((e) =>
          wireEvent({
            id: uuidv7(e.ts ?? at),
            type: e.name === 'page' || e.name === 'identify' ? e.name : 'track',
            name: e.name,
            ts: e.ts ?? at,
            visitor_id: e.visitor ?? 'ada',
            session_id: e.session ?? `s-${e.visitor ?? 'ada'}`,
            ...(e.user ? { user_id: e.user } : {}),
            ...(e.traits ? { traits: e.traits } : {}),
            url: e.url ?? 'https://shop.example/',
            referrer: e.referrer ?? '',
            props: e.props,
          }),
        ),
      },
      origin: undefined,
      userAgent: desktopChrome,
      ip: undefined,
      receivedAt: at,
    });
    expect(answer.rejected).toEqual([]);
  };
  const profile = async (visitor = 'ada') => (await store.profiles.ofVisitor(site.id, visitor))!;
  /** A visitor's score as read at `at`. */
  const score = async (at: number, visitor = 'ada') => {
    const p = await profile(visitor);
    return decayedScore(p.score, p.scoreAt, at, defaultScoring.decay);
  };
  const define = (name: string, changes: Parameters<Store['definitions']['save']>[2]) =>
    store.definitions.save(site.id, name, changes, 0, start);
  /** Saves a segment as the admin API does: counters filled from past events, every profile evaluated. */
  const segment = async (name: string, rules: Rule, at: number) =>
    (await saveSegment({ writer, now: () => at }, site.id, { name, rules })) as Segment;
  return { store, writer, path, site, send, score, profile, define, segment };
}

/** A profile as a first event would start it, with the next free id: for tests that need a person without events. */
export async function blankProfile(store: Store, siteId: number, ts: number): Promise<Profile> {
  const [id] = await store.profiles.reserveIds(1);
  return {
    id: id!, siteId, userId: null, source: 'direct', traits: {}, country: null, city: null, device: null, firstSeen: ts, lastSeen: ts, events: 0,
    score: 0, scoreAt: ts, scoreNow: 0, lifecycle: 'new', activeWeeks: 0, weekBase: 0, nextChangeAt: null, dimensions: null,
  };
}
