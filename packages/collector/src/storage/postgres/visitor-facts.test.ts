// The visitor's facts on PostgreSQL in one statement: the profile's group and score, its cluster and its memberships, for this site's visitor only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, shopAndBlog } from '../../testing/postgres-group.js';
import { pgPersonalization } from './personalization.js';

describe('PostgreSQL visitor facts', () => {
  let db: PulsePostgres;
  let store: ReturnType<typeof pgPersonalization>;
  let site: number;
  let other: number;
  beforeEach(async () => {
    ({ db, group: store } = await freshGroup(pgPersonalization));
    [site, other] = await shopAndBlog(db.pool);
  });
  afterEach(() => db.close());

  it("are the profile's, its cluster's and its memberships', for this site's visitor only", async () => {
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO profiles (site_id, first_seen, last_seen, events, score, score_at, lifecycle) VALUES ($1, 0, 0, 2, 12.5, 1000, 'active') RETURNING id`,
      [site],
    );
    const profile = rows[0]!.id;
    await db.pool.query("INSERT INTO profile_visitors (site_id, visitor_id, profile_id) VALUES ($1, 'v-ada', $2), ($1, 'v-ada-phone', $2)", [site, profile]);
    const facts = { lifecycle: 'active', score: 12.5, scoreAt: 1000, cluster: null, segments: new Set() };
    expect(await store.visitorFacts(site, 'v-ada')).toEqual(facts);
    expect(await store.visitorFacts(site, 'v-ada-phone')).toEqual(facts);

    const segments = await db.pool.query<{ id: number }>(
      "INSERT INTO segments (site_id, name, rules, created_at, updated_at) VALUES ($1, 'Buyers', '{}', 0, 0), ($1, 'Everyone', '{}', 0, 0), ($1, 'Nobody', '{}', 0, 0) RETURNING id",
      [site],
    );
    const [buyers, everyone] = segments.rows.map((row) => row.id);
    await db.pool.query('INSERT INTO segment_members (site_id, segment_id, profile_id, since) VALUES ($4, $1, $3, 0), ($4, $2, $3, 0)', [buyers, everyone, profile, site]);
    await db.pool.query('INSERT INTO profile_features (profile_id, site_id, cluster) VALUES ($1, $2, 2)', [profile, site]);
    expect(await store.visitorFacts(site, 'v-ada')).toEqual({ ...facts, cluster: 2, segments: new Set([buyers, everyone]) });

    expect(await store.visitorFacts(other, 'v-ada')).toBeUndefined();
    expect(await store.visitorFacts(site, 'v-nobody')).toBeUndefined();
  });
});
