// The schema, as numbered migrations applied in order at start (PRAGMA user_version tracks progress).
import { contextColumns, eventsBySite } from '../event-context.js';
import { contextKeySql } from './event-context.js';
import type { Migration } from '../migration.js';
import { siteParents } from '../site-parents.js';

/**
 * SQLite's way to change a table's columns or keys: a new table, filled with the old one's rows each
 * given the site_id of its parent (siteParents), replaces it. Its indexes go with the old table.
 * Migrations run with foreign keys off (database.ts), so dropping a parent cascades nowhere.
 */
function withSite(table: string, definition: string): string {
  const { parent, by } = siteParents.find((p) => p.table === table)!;
  // A table with a rowid keeps its rows' order, which reads use to break ties.
  const order = /WITHOUT ROWID$/.test(definition) ? '' : ' ORDER BY t.rowid';
  return `CREATE TABLE ${table}_21 ${definition};
      INSERT INTO ${table}_21 SELECT p.site_id, t.* FROM ${table} t JOIN ${parent} p ON p.id = t.${by}${order};
      DROP TABLE ${table};
      ALTER TABLE ${table}_21 RENAME TO ${table};`;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'sites, events, visitors, sessions, bot counts',
    sql: `
      CREATE TABLE sites (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      -- A site accepts events from pages on these hosts and their subdomains.
      CREATE TABLE site_domains (
        domain TEXT NOT NULL,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        PRIMARY KEY (domain, site_id)
      ) WITHOUT ROWID;

      -- seq keeps insertion order cheap; id is the client's UUID as 16 bytes. UUIDv7 ids are
      -- time-ordered, so the unique index grows at its right edge instead of splitting pages at random.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id BLOB NOT NULL,
        site_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        ts INTEGER NOT NULL,
        client_ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        visitor_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        user_id TEXT,
        url TEXT,
        path TEXT,
        title TEXT,
        referrer TEXT,
        referrer_host TEXT,
        utm_source TEXT,
        utm_medium TEXT,
        utm_campaign TEXT,
        utm_term TEXT,
        utm_content TEXT,
        click_id_type TEXT,
        click_id TEXT,
        screen TEXT,
        language TEXT,
        timezone TEXT,
        device TEXT NOT NULL,
        browser TEXT,
        os TEXT,
        country TEXT,
        city TEXT,
        props TEXT,
        traits TEXT
      );
      CREATE UNIQUE INDEX events_id ON events(id);
      CREATE INDEX events_site_ts ON events(site_id, ts);

      CREATE TABLE sessions (
        site_id INTEGER NOT NULL,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        events INTEGER NOT NULL,
        pageviews INTEGER NOT NULL,
        landing_page TEXT,
        exit_page TEXT,
        referrer_host TEXT,
        utm_source TEXT,
        utm_medium TEXT,
        utm_campaign TEXT,
        device TEXT NOT NULL,
        browser TEXT,
        os TEXT,
        country TEXT,
        city TEXT,
        PRIMARY KEY (site_id, session_id)
      ) WITHOUT ROWID;
      CREATE INDEX sessions_site_started ON sessions(site_id, started_at);

      CREATE TABLE visitors (
        site_id INTEGER NOT NULL,
        visitor_id TEXT NOT NULL,
        user_id TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        sessions INTEGER NOT NULL,
        events INTEGER NOT NULL,
        landing_page TEXT,
        first_referrer_host TEXT,
        first_utm_source TEXT,
        first_utm_medium TEXT,
        first_utm_campaign TEXT,
        device TEXT NOT NULL,
        browser TEXT,
        os TEXT,
        country TEXT,
        city TEXT,
        PRIMARY KEY (site_id, visitor_id)
      ) WITHOUT ROWID;

      CREATE TABLE bot_hits (
        site_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        hits INTEGER NOT NULL,
        PRIMARY KEY (site_id, day)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'event definitions, profiles and their scores',
    sql: `
      -- The specification's table of events: every name seen on a site, its points and whether it is shown.
      CREATE TABLE event_definitions (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        points INTEGER NOT NULL,
        shown INTEGER NOT NULL DEFAULT 1,
        -- JSON: [{prop, op, value, points}], the first that matches an event's props sets its points.
        rules TEXT NOT NULL DEFAULT '[]',
        daily_cap INTEGER,
        created_at INTEGER NOT NULL,
        hidden_at INTEGER,
        UNIQUE (site_id, name)
      );

      -- One profile per person; visitors (browsers) point at it, several once identity merges them.
      CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL,
        -- The site's customer id, once identify() named the person.
        user_id TEXT,
        -- Where the person first came from: a campaign source, a referring host, or 'direct'.
        source TEXT NOT NULL DEFAULT 'direct',
        -- What identify() said about the person: a JSON object, latest value per key.
        traits TEXT NOT NULL DEFAULT '{}',
        -- Where and on what the person was last seen.
        country TEXT,
        city TEXT,
        device TEXT,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        events INTEGER NOT NULL,
        -- The score as it stood at score_at, the last activity; reads decay it to now.
        score REAL NOT NULL,
        score_at INTEGER NOT NULL,
        -- The score decayed to the last event or sweep: what rankings and thresholds read.
        score_now REAL NOT NULL DEFAULT 0,
        -- new | active | passive, as of the last event or sweep.
        lifecycle TEXT NOT NULL DEFAULT 'new',
        -- Bit i set: active in calendar week (week_base - i). Enough for the active rule, in one integer.
        active_weeks INTEGER NOT NULL DEFAULT 0,
        week_base INTEGER NOT NULL DEFAULT 0,
        -- When time alone next changes something about the profile: what the sweeper visits.
        next_change_at INTEGER
      );
      CREATE INDEX profiles_next_change ON profiles(next_change_at) WHERE next_change_at IS NOT NULL;
      CREATE INDEX profiles_top ON profiles(site_id, score_now DESC);

      -- Every change of group, with its time: for trends and webhooks.
      CREATE TABLE lifecycle_changes (
        profile_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        from_group TEXT NOT NULL,
        to_group TEXT NOT NULL
      );
      CREATE INDEX lifecycle_changes_profile ON lifecycle_changes(profile_id, at);
      CREATE UNIQUE INDEX profiles_user ON profiles(site_id, user_id) WHERE user_id IS NOT NULL;
      CREATE TABLE profile_visitors (
        site_id INTEGER NOT NULL,
        visitor_id TEXT NOT NULL,
        profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        PRIMARY KEY (site_id, visitor_id)
      ) WITHOUT ROWID;
      CREATE INDEX profile_visitors_profile ON profile_visitors(profile_id);

      -- Points granted per profile, event and day: what a definition's daily cap is checked against.
      CREATE TABLE profile_daily_points (
        profile_id INTEGER NOT NULL,
        definition_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        points INTEGER NOT NULL,
        PRIMARY KEY (profile_id, definition_id, day)
      ) WITHOUT ROWID;

      -- The score at the end of each day a profile was active, for its chart.
      CREATE TABLE score_history (
        profile_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (profile_id, day)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: "daily rollups of the specification's metrics, and the timeline index",
    sql: `
      -- A person's timeline: their visitors' events, newest first.
      CREATE INDEX events_visitor ON events(site_id, visitor_id, ts);

      -- Activity mix: events by name and day (hidden events left out).
      CREATE TABLE daily_events (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        name TEXT NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, name)
      ) WITHOUT ROWID;
      -- Who was active on a day: counted per day, and distinct over a week's days.
      CREATE TABLE daily_people (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, profile_id)
      ) WITHOUT ROWID;
      -- Awareness: people reached for the first time, by day and first source.
      CREATE TABLE daily_reach (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        source TEXT NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, source)
      ) WITHOUT ROWID;
      -- Group sizes: the change of each group's size per day; a size is the sum up to a day.
      CREATE TABLE daily_lifecycle (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        lifecycle TEXT NOT NULL,
        delta INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, lifecycle)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'rule segments, their members and history',
    sql: `
      CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        rules TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (site_id, name)
      );
      CREATE TABLE segment_members (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        profile_id INTEGER NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (segment_id, profile_id)
      ) WITHOUT ROWID;
      CREATE INDEX segment_members_profile ON segment_members(profile_id);
      -- Every entry and exit with its time: for trends and webhooks.
      CREATE TABLE segment_changes (
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        profile_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        entered INTEGER NOT NULL
      );
      CREATE INDEX segment_changes_profile ON segment_changes(profile_id, at);
      -- What segment rules count: an event (with prop tests), per person and day, and the sum of a prop.
      CREATE TABLE segment_counters (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        spec TEXT NOT NULL,
        UNIQUE (site_id, spec)
      );
      CREATE TABLE profile_counters (
        profile_id INTEGER NOT NULL,
        counter_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        count INTEGER NOT NULL,
        total REAL NOT NULL,
        PRIMARY KEY (profile_id, counter_id, day)
      ) WITHOUT ROWID;
      -- Segment sizes over time, as daily changes like the group sizes.
      CREATE TABLE daily_segments (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        segment_id INTEGER NOT NULL,
        delta INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, segment_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'settings and stats page sign-ins',
    sql: `
      -- Collector-wide settings, such as the stats page's admin password hash.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      -- A signed-in browser: the cookie holds the token, only its SHA-256 is kept here.
      CREATE TABLE admin_sessions (
        token_hash BLOB PRIMARY KEY,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 6,
    name: "a person's active days found by person",
    sql: `
      -- An identity merge moves one person's active days onto another: without this it scans the table twice.
      CREATE INDEX daily_people_profile ON daily_people(profile_id);
    `,
  },
  {
    version: 7,
    name: "the overview's traffic rollups, backfilled from the sessions and events already stored",
    sql: `
      -- Sessions count in the hour they started (with their bounces and length), page views in their own hour.
      -- Hourly, so a one-day range can be charted by hour; a month is only 720 rows to sum.
      CREATE TABLE hourly_traffic (
        site_id INTEGER NOT NULL,
        hour INTEGER NOT NULL,
        sessions INTEGER NOT NULL,
        pageviews INTEGER NOT NULL,
        -- Sessions with at most one page view.
        bounces INTEGER NOT NULL,
        -- The sum of the sessions' last_seen - started_at.
        duration_ms INTEGER NOT NULL,
        PRIMARY KEY (site_id, hour)
      ) WITHOUT ROWID;
      -- Top lists: sessions started per day and source, referrer, utm_campaign, device, browser,
      -- os, country or city; for the dimension 'page', page views per day and path. Keyed by
      -- dimension before day, so one list reads only its own rows.
      CREATE TABLE daily_dimensions (
        site_id INTEGER NOT NULL,
        dimension TEXT NOT NULL,
        day INTEGER NOT NULL,
        value TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (site_id, dimension, day, value)
      ) WITHOUT ROWID;

      INSERT INTO hourly_traffic (site_id, hour, sessions, pageviews, bounces, duration_ms)
        SELECT site_id, started_at / 3600000, count(*), 0, sum(pageviews <= 1), sum(last_seen - started_at)
        FROM sessions GROUP BY 1, 2;
      INSERT INTO hourly_traffic (site_id, hour, sessions, pageviews, bounces, duration_ms)
        SELECT site_id, ts / 3600000, 0, count(*), 0, 0 FROM events WHERE type = 'page' GROUP BY 1, 2
        ON CONFLICT DO UPDATE SET pageviews = excluded.pageviews;
      -- The source is sourceOf() in src/profiles/people.ts, as SQL.
      INSERT INTO daily_dimensions (site_id, dimension, day, value, count)
        SELECT site_id, dimension, day, value, count(*) FROM (
          SELECT site_id, 'source' AS dimension, started_at / 86400000 AS day, coalesce(utm_source, referrer_host, 'direct') AS value FROM sessions
          UNION ALL SELECT site_id, 'referrer', started_at / 86400000, referrer_host FROM sessions
          UNION ALL SELECT site_id, 'utm_campaign', started_at / 86400000, utm_campaign FROM sessions
          UNION ALL SELECT site_id, 'device', started_at / 86400000, device FROM sessions
          UNION ALL SELECT site_id, 'browser', started_at / 86400000, browser FROM sessions
          UNION ALL SELECT site_id, 'os', started_at / 86400000, os FROM sessions
          UNION ALL SELECT site_id, 'country', started_at / 86400000, country FROM sessions
          UNION ALL SELECT site_id, 'city', started_at / 86400000, city FROM sessions
        ) WHERE value IS NOT NULL GROUP BY 1, 2, 3, 4;
      INSERT INTO daily_dimensions (site_id, dimension, day, value, count)
        SELECT site_id, 'page', ts / 86400000, path, count(*) FROM events WHERE type = 'page' AND path IS NOT NULL GROUP BY 1, 3, 4;
    `,
  },
  {
    version: 8,
    name: 'the leads list filtered by group, and what each person wrote',
    sql: `
      -- The leads list by group: one group's profiles in score order without visiting the others.
      CREATE INDEX profiles_lifecycle_top ON profiles(site_id, lifecycle, score_now DESC);
      -- A person's latest review or comment in one seek, however many other events they have;
      -- partial, so it holds only the rare events people write and costs nothing for the rest.
      CREATE INDEX events_writings ON events(site_id, visitor_id, ts) WHERE name IN ('review', 'comment');
    `,
  },
  {
    version: 10,
    name: 'funnels, each person\'s attempt at them, and their daily step counts',
    sql: `
      -- A saved funnel: JSON {steps: [{event, where}], windowMinutes}. While computing is 1 it is being
      -- replayed from the stored events, up to (cursor_ts, cursor_seq), and ingest leaves it alone.
      CREATE TABLE funnels (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Bumped by every change of definition, so a replay of an older one stops.
        generation INTEGER NOT NULL DEFAULT 0,
        computing INTEGER NOT NULL DEFAULT 1,
        cursor_ts INTEGER,
        cursor_seq INTEGER,
        UNIQUE (site_id, name)
      );
      -- One attempt per person and funnel: the steps reached so far, when it started and with what.
      CREATE TABLE funnel_progress (
        profile_id INTEGER NOT NULL,
        funnel_id INTEGER NOT NULL REFERENCES funnels(id) ON DELETE CASCADE,
        step INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (profile_id, funnel_id)
      ) WITHOUT ROWID;
      CREATE INDEX funnel_progress_funnel ON funnel_progress(funnel_id);
      -- Attempts reaching each step, by the day the attempt started, its source and device.
      CREATE TABLE daily_funnel_steps (
        funnel_id INTEGER NOT NULL REFERENCES funnels(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        step INTEGER NOT NULL,
        source TEXT NOT NULL,
        device TEXT NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (funnel_id, day, step, source, device)
      ) WITHOUT ROWID;
      -- Completed attempts by time taken, in logarithmic buckets: enough for a median without keeping every time.
      CREATE TABLE daily_funnel_times (
        funnel_id INTEGER NOT NULL REFERENCES funnels(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (funnel_id, day, bucket)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: 'active people over any range from a rollup of returns',
    sql: `
      -- Distinct people active in a range, summed from a few rows a day instead of counted from every
      -- person-day: each person-day is counted by the person's previous active day (-1 for none), and a
      -- range's people are the person-days in it whose previous active day is before it.
      CREATE TABLE daily_returns (
        site_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        prev_day INTEGER NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (site_id, day, prev_day)
      ) WITHOUT ROWID;
      INSERT INTO daily_returns (site_id, day, prev_day, people)
        SELECT site_id, day, prev_day, count(*) FROM (
          SELECT site_id, day, coalesce(lag(day) OVER (PARTITION BY profile_id ORDER BY day), -1) AS prev_day FROM daily_people
        ) GROUP BY site_id, day, prev_day;
      -- A person's days in order: the day before and after a new one are two seeks.
      DROP INDEX daily_people_profile;
      CREATE INDEX daily_people_profile ON daily_people(profile_id, day);
    `,
  },
  {
    version: 12,
    name: 'webhook endpoints and their outbox',
    sql: `
      -- Where a site's changes are POSTed: the secret signs each body; events is a JSON array of types.
      CREATE TABLE webhook_endpoints (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        events TEXT NOT NULL,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        -- All-time totals, kept as rows finish: counting them would grow with every delivery.
        delivered INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        -- Rounds of attempts in a row with no 2xx, and the time before which none is tried: a receiver
        -- that is down gets a few probes, not every queued change retried on its own schedule.
        failures INTEGER NOT NULL DEFAULT 0,
        held_until INTEGER
      );
      CREATE INDEX webhook_endpoints_site ON webhook_endpoints(site_id);
      -- One row per change and endpoint, written in the change's transaction; id is the order of the changes.
      CREATE TABLE webhook_outbox (
        id INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        profile_id INTEGER NOT NULL,
        delivery_id TEXT NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        -- pending | retrying | delivered | failed
        state TEXT NOT NULL DEFAULT 'pending',
        -- When to send it next; null while an earlier row of the same endpoint and profile is unfinished, and once finished.
        next_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_status INTEGER,
        last_error TEXT,
        last_at INTEGER,
        done_at INTEGER
      );
      -- Each endpoint's due rows by time: an endpoint on hold is skipped without reading its rows.
      CREATE INDEX webhook_outbox_due ON webhook_outbox(endpoint_id, next_at) WHERE next_at IS NOT NULL;
      -- Each endpoint and profile's unfinished rows in order: who is next once the head is done.
      CREATE INDEX webhook_outbox_queue ON webhook_outbox(endpoint_id, profile_id, id) WHERE done_at IS NULL;
      CREATE INDEX webhook_outbox_delivered ON webhook_outbox(endpoint_id, done_at) WHERE state = 'delivered';
      CREATE INDEX webhook_outbox_troubled ON webhook_outbox(endpoint_id, last_at) WHERE state IN ('retrying', 'failed');
      -- A deleted person's rows, sent or not, go with them: their bodies name the person.
      CREATE INDEX webhook_outbox_profile ON webhook_outbox(profile_id);
    `,
  },
  {
    version: 13,
    name: 'API tokens per site, kept as hashes',
    sql: `
      -- Only the SHA-256 of a token is kept: a copy of the database gives no way into the API.
      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        hash BLOB NOT NULL UNIQUE,
        -- Comma-separated: read, write.
        scopes TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        UNIQUE (site_id, name)
      );
    `,
  },
  {
    version: 14,
    name: 'clusters: the features each person is clustered on, the fitted model per site, and each cluster\'s totals',
    sql: `
      -- What clustering needs beyond the profile, counted at ingest in constant time per event (shown events only).
      CREATE TABLE profile_features (
        profile_id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL,
        purchases INTEGER NOT NULL DEFAULT 0,
        -- The sum of purchase events' value prop.
        purchase_value REAL NOT NULL DEFAULT 0,
        -- Events by the device class they came from.
        desktop INTEGER NOT NULL DEFAULT 0,
        tablet INTEGER NOT NULL DEFAULT 0,
        phone INTEGER NOT NULL DEFAULT 0,
        -- Product views and purchased items in every category: the denominator of category shares.
        catalog INTEGER NOT NULL DEFAULT 0,
        -- The cluster (1..k) of the site's model the person is in, and what they add to its totals,
        -- so that leaving it subtracts exactly that.
        cluster INTEGER,
        cluster_score REAL NOT NULL DEFAULT 0,
        cluster_buyer INTEGER NOT NULL DEFAULT 0
      );
      -- Product views and purchased items per person and category.
      CREATE TABLE profile_categories (
        profile_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (profile_id, category)
      ) WITHOUT ROWID;
      -- The fitted model of a site: JSON {features, categories, min, max, mean, centroids}.
      CREATE TABLE cluster_models (
        site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        k INTEGER NOT NULL,
        fitted_at INTEGER NOT NULL,
        sample_size INTEGER NOT NULL,
        model TEXT NOT NULL
      );
      -- A site's fixed k; without a row k is picked by silhouette.
      CREATE TABLE cluster_settings (
        site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        k INTEGER NOT NULL
      );
      -- Each cluster's people, buyers and score sum, moved by every (re)assignment: the stats page reads k rows.
      CREATE TABLE cluster_stats (
        site_id INTEGER NOT NULL,
        cluster INTEGER NOT NULL,
        people INTEGER NOT NULL,
        buyers INTEGER NOT NULL,
        score_sum REAL NOT NULL,
        PRIMARY KEY (site_id, cluster)
      ) WITHOUT ROWID;

      -- People already stored get the counts ingest would have kept (clusters/features.ts), from their
      -- browsers' shown events: without this they would cluster as if they had never bought or browsed.
      CREATE TEMP TABLE shown_events AS
        SELECT pv.profile_id, e.site_id, e.name, e.device, e.props
        FROM events e
        JOIN profile_visitors pv ON pv.site_id = e.site_id AND pv.visitor_id = e.visitor_id
        WHERE NOT EXISTS (SELECT 1 FROM event_definitions d WHERE d.site_id = e.site_id AND d.name = e.name AND d.shown = 0);
      INSERT INTO profile_features (profile_id, site_id, purchases, purchase_value, desktop, tablet, phone)
        SELECT profile_id, site_id,
          sum(name = 'purchase'),
          sum(CASE WHEN name = 'purchase' AND json_type(props, '$.value') IN ('integer', 'real') AND props ->> '$.value' > 0
              THEN props ->> '$.value' ELSE 0 END),
          sum(device = 'desktop'), sum(device = 'tablet'), sum(device = 'phone')
        FROM shown_events GROUP BY profile_id;
      INSERT INTO profile_categories (profile_id, category, count)
        SELECT profile_id, category, count(*) FROM (
          SELECT profile_id, substr(trim(props ->> '$.category'), 1, 100) AS category
          FROM shown_events WHERE name = 'product_view' AND json_type(props, '$.category') = 'text'
          UNION ALL
          SELECT s.profile_id, substr(trim(item.value ->> '$.category'), 1, 100)
          FROM shown_events s, json_each(s.props, '$.items') AS item
          WHERE s.name = 'purchase' AND json_type(s.props, '$.items') = 'array' AND item.type = 'object' AND json_type(item.value, '$.category') = 'text'
        ) WHERE category <> '' GROUP BY profile_id, category;
      UPDATE profile_features SET catalog = (SELECT sum(count) FROM profile_categories c WHERE c.profile_id = profile_features.profile_id)
        WHERE profile_id IN (SELECT profile_id FROM profile_categories);
      DROP TABLE shown_events;
    `,
  },
  {
    version: 15,
    name: 'customer dimensions: community types of each person and their circle',
    sql: `
      -- JSON {own, circle, circleAt, ageStatedAt} (profiles/dimensions.ts), or NULL for a person
      -- with no communities, contacts or stated age. Read with the profile, never searched.
      ALTER TABLE profiles ADD COLUMN dimensions TEXT;
    `,
  },
  {
    version: 16,
    name: "a person's sessions found by browser, for deleting and exporting a person",
    sql: `
      -- Deleting or exporting a person reads their browsers' sessions: without this, a scan of every session.
      CREATE INDEX sessions_visitor ON sessions(site_id, visitor_id);
    `,
  },
  {
    version: 17,
    name: 'lean event rows: what a session\'s events share is kept once, as a context each event points at',
    sql: `
      -- A context is what consecutive events of a session share: the URL's origin, the source and
      -- campaign, the device and place, the screen, language and time zone. Each distinct one is
      -- kept once per site, found again by its key (event-context.ts), and never changes.
      CREATE TABLE event_contexts (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        ${contextColumns.map((c) => `${c} TEXT`).join(',\n        ')}
      );
      CREATE UNIQUE INDEX event_contexts_key ON event_contexts(site_id, key);

      -- Each stored URL cut where its authority ends (model/urls.ts splitUrl does the same).
      CREATE TEMP TABLE cut AS
        SELECT seq, url, CASE WHEN stop >= 1000000000 THEN length(url) + 1 ELSE s + stop - 1 END AS at FROM (
          SELECT seq, url, s, min(
            coalesce(nullif(instr(substr(url, s), '/'), 0), 1000000000),
            coalesce(nullif(instr(substr(url, s), '?'), 0), 1000000000),
            coalesce(nullif(instr(substr(url, s), '#'), 0), 1000000000)) AS stop
          FROM (SELECT seq, url, instr(url, '://') + 3 AS s FROM events WHERE url IS NOT NULL));
      CREATE TEMP TABLE cut_events AS
        SELECT e.*, substr(c.url, 1, c.at - 1) AS origin, substr(c.url, c.at) AS page
        FROM events e LEFT JOIN cut c ON c.seq = e.seq;
      INSERT INTO event_contexts (site_id, key, ${contextColumns.join(', ')})
        SELECT DISTINCT site_id, ${contextKeySql('cut_events')}, ${contextColumns.join(', ')} FROM cut_events;

      CREATE TABLE lean_events (
        seq INTEGER PRIMARY KEY,
        id BLOB NOT NULL,
        site_id INTEGER NOT NULL,
        type TEXT NOT NULL,
        name TEXT NOT NULL,
        ts INTEGER NOT NULL,
        client_ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        visitor_id TEXT NOT NULL,
        session_id TEXT NOT NULL,
        user_id TEXT,
        context_id INTEGER NOT NULL,
        -- The URL after its origin (path, query, fragment) as sent; the origin is the context's.
        page TEXT,
        title TEXT,
        referrer TEXT,
        props TEXT,
        traits TEXT
      );
      INSERT INTO lean_events
        SELECT e.seq, e.id, e.site_id, e.type, e.name, e.ts, e.client_ts, e.received_at, e.visitor_id, e.session_id, e.user_id,
          x.id, e.page, e.title, e.referrer, e.props, e.traits
        FROM cut_events e JOIN event_contexts x ON x.site_id = e.site_id AND x.key = ${contextKeySql('e')}
        ORDER BY e.seq;
      DROP TABLE cut;
      DROP TABLE cut_events;
      DROP TABLE events;
      ALTER TABLE lean_events RENAME TO events;
      CREATE UNIQUE INDEX events_id ON events(id);
      CREATE INDEX events_site_ts ON events(site_id, ts);
      CREATE INDEX events_visitor ON events(site_id, visitor_id, ts);
      CREATE INDEX events_writings ON events(site_id, visitor_id, ts) WHERE name IN ('review', 'comment');

      -- Every event with its context, as the columns events had before: for reading by hand and for reports.
      CREATE VIEW events_full AS
        SELECT e.seq, e.id, e.site_id, e.type, e.name, e.ts, e.client_ts, e.received_at, e.visitor_id, e.session_id, e.user_id,
          c.origin || e.page AS url, e.title, e.referrer, ${contextColumns.filter((c) => c !== 'origin').map((c) => `c.${c}`).join(', ')},
          e.props, e.traits
        FROM events e JOIN event_contexts c ON c.id = e.context_id;
    `,
  },
  {
    version: 18,
    name: 'webhook endpoints that listen to chosen segments only',
    sql: `
      -- 0: the endpoint gets the entries and exits of every segment; 1: only of those in webhook_segments.
      ALTER TABLE webhook_endpoints ADD COLUMN chosen_segments INTEGER NOT NULL DEFAULT 0;
      -- A deleted segment leaves the endpoints that chose it: they hear no more of it, and of no other.
      CREATE TABLE webhook_segments (
        endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        PRIMARY KEY (endpoint_id, segment_id)
      ) WITHOUT ROWID;
      CREATE INDEX webhook_segments_segment ON webhook_segments(segment_id);
    `,
  },
  {
    version: 19,
    name: 'call tracking: number pools, leases with their history, calls and hourly pool tallies',
    sql: `
      -- A site's call-tracking settings: the secret telephony signs its calls with, the salt caller
      -- numbers are hashed with, and whether the caller's number is also kept in clear.
      CREATE TABLE call_settings (
        site_id INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        signing_secret TEXT NOT NULL,
        hash_salt BLOB NOT NULL,
        store_callers INTEGER NOT NULL DEFAULT 0,
        -- The callback widget's settings as JSON (calls/callback.ts); null when never set.
        widget TEXT
      );
      -- Numbers shown to visitors: each session that asks holds one of the pool's numbers.
      CREATE TABLE call_pools (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        default_number TEXT NOT NULL,
        published_number TEXT,
        selector TEXT,
        hold_ms INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (site_id, name)
      );
      -- A number belongs to one site: to one of its pools, or fixed to a source (static, never leased).
      -- free_at is when its last lease ends: the least recently released free number is leased next.
      CREATE TABLE call_numbers (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        number TEXT NOT NULL UNIQUE,
        pool_id INTEGER REFERENCES call_pools(id) ON DELETE CASCADE,
        source TEXT,
        campaign TEXT,
        free_at INTEGER NOT NULL DEFAULT 0,
        CHECK ((pool_id IS NULL) <> (source IS NULL))
      );
      CREATE INDEX call_numbers_free ON call_numbers(pool_id, free_at) WHERE pool_id IS NOT NULL;
      CREATE INDEX call_numbers_site ON call_numbers(site_id);
      -- Every lease ever made, so that a call is matched to whoever held its number when it began.
      -- A number's leases never overlap: ends_at (last renewal + hold) is before the next one's start.
      CREATE TABLE call_leases (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL,
        pool_id INTEGER NOT NULL,
        number_id INTEGER NOT NULL REFERENCES call_numbers(id) ON DELETE CASCADE,
        session_id TEXT NOT NULL,
        visitor_id TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        renewed_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        -- The session as it was at lease time: what a call to this number is attributed to.
        url TEXT,
        referrer TEXT,
        utm_source TEXT,
        utm_medium TEXT,
        utm_campaign TEXT,
        utm_term TEXT,
        utm_content TEXT,
        device TEXT NOT NULL,
        browser TEXT,
        os TEXT,
        country TEXT,
        city TEXT
      );
      CREATE INDEX call_leases_number ON call_leases(number_id, started_at);
      CREATE INDEX call_leases_session ON call_leases(site_id, session_id, pool_id);
      CREATE INDEX call_leases_site_time ON call_leases(site_id, started_at);
      -- Calls as telephony reported them, attributed or not; at most one per call id and site.
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        call_id TEXT NOT NULL,
        called_number TEXT NOT NULL,
        caller_hash BLOB NOT NULL,
        caller_number TEXT,
        -- The last two digits, shown in place of a number not kept in clear.
        caller_tail TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        duration_s INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        recording_url TEXT,
        received_at INTEGER NOT NULL,
        -- how: 'lease' (a session held the number), 'static' (the number's own source), 'repeat'
        -- (an earlier call of the same caller named the person) or 'none' (unattributed).
        attribution TEXT NOT NULL,
        lease_id INTEGER,
        number_id INTEGER,
        repeat_caller INTEGER NOT NULL,
        visitor_id TEXT,
        session_id TEXT,
        event_id BLOB,
        source TEXT,
        campaign TEXT,
        landing_page TEXT,
        device TEXT,
        city TEXT,
        UNIQUE (site_id, call_id)
      );
      CREATE INDEX calls_site_time ON calls(site_id, started_at);
      CREATE INDEX calls_caller ON calls(site_id, caller_hash, started_at);
      CREATE INDEX calls_visitor ON calls(site_id, visitor_id) WHERE visitor_id IS NOT NULL;
      -- Per pool and hour: sessions that asked for a number, and how many got the default one.
      CREATE TABLE call_pool_hours (
        pool_id INTEGER NOT NULL REFERENCES call_pools(id) ON DELETE CASCADE,
        hour INTEGER NOT NULL,
        sessions INTEGER NOT NULL DEFAULT 0,
        misses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (pool_id, hour)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 20,
    name: 'personalization: event rules with their versions, placements with variants, segments exposed to the browser, daily tallies',
    sql: `
      -- Event rules (the no-code wizard's): definition is the rule as JSON (wire eventRuleSchema).
      -- A change is a new version; the versions table keeps every one, the current included.
      CREATE TABLE event_rules (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        definition TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX event_rules_site ON event_rules(site_id);
      CREATE TABLE event_rule_versions (
        rule_id INTEGER NOT NULL REFERENCES event_rules(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (rule_id, version)
      ) WITHOUT ROWID;
      -- How often each rule fired per UTC day (days since the epoch): a rule a redesign broke shows 0.
      CREATE TABLE rule_days (
        rule_id INTEGER NOT NULL REFERENCES event_rules(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        fires INTEGER NOT NULL,
        PRIMARY KEY (rule_id, day)
      ) WITHOUT ROWID;
      -- Placements in seed 001's shape: slot is the id the page's data-pulse-slot names.
      CREATE TABLE placements (
        id INTEGER PRIMARY KEY,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        slot TEXT NOT NULL,
        label TEXT NOT NULL,
        -- JSON array of device classes.
        adaptive TEXT NOT NULL,
        disabled INTEGER NOT NULL,
        auto_reload_s INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (site_id, slot)
      );
      -- targeting and content are JSON (wire targetingSchema, variantContentSchema). position keeps
      -- the admin's order among equal priorities.
      CREATE TABLE placement_variants (
        id INTEGER PRIMARY KEY,
        placement_id INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        priority INTEGER NOT NULL,
        position INTEGER NOT NULL,
        targeting TEXT NOT NULL,
        content TEXT NOT NULL
      );
      CREATE INDEX placement_variants_placement ON placement_variants(placement_id);
      -- Views (half in sight) and clicks per variant and UTC day.
      CREATE TABLE variant_days (
        variant_id INTEGER NOT NULL REFERENCES placement_variants(id) ON DELETE CASCADE,
        day INTEGER NOT NULL,
        views INTEGER NOT NULL DEFAULT 0,
        clicks INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (variant_id, day)
      ) WITHOUT ROWID;
      -- The key a segment is shown to its members' own browsers under (pulse.profile()); null: never.
      ALTER TABLE segments ADD COLUMN browser_key TEXT;
      CREATE UNIQUE INDEX segments_browser_key ON segments(site_id, browser_key) WHERE browser_key IS NOT NULL;
    `,
  },
  {
    version: 21,
    name: 'every table of a site names it and keys by it, ready to be distributed by Citus on site_id',
    sql: `
      -- Citus distributes a table by one column, here site_id, and needs it in every key of the table
      -- and on both sides of a foreign key between two distributed tables: the tables that reached
      -- their site through a parent row now hold it, first in their keys. An id SQLite assigns stays
      -- the rowid, keyed alone; PostgreSQL keys it with its site (postgres/migrations.ts), and where a
      -- foreign key points at (site_id, id) a unique index here gives it something to point at.
      CREATE UNIQUE INDEX profiles_site_key ON profiles(site_id, id);
      CREATE UNIQUE INDEX segments_site_key ON segments(site_id, id);
      CREATE UNIQUE INDEX funnels_site_key ON funnels(site_id, id);
      CREATE UNIQUE INDEX webhook_endpoints_site_key ON webhook_endpoints(site_id, id);
      CREATE UNIQUE INDEX event_rules_site_key ON event_rules(site_id, id);
      CREATE UNIQUE INDEX placements_site_key ON placements(site_id, id);

      -- A row whose parent is gone was out of reach of every read already: the join leaves it behind.
      ${withSite('lifecycle_changes', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        from_group TEXT NOT NULL,
        to_group TEXT NOT NULL
      )`)}
      CREATE INDEX lifecycle_changes_profile ON lifecycle_changes(profile_id, at);
      ${withSite('profile_daily_points', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        definition_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        points INTEGER NOT NULL,
        PRIMARY KEY (site_id, profile_id, definition_id, day)
      ) WITHOUT ROWID`)}
      ${withSite('score_history', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (site_id, profile_id, day)
      ) WITHOUT ROWID`)}
      ${withSite('profile_counters', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        counter_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        count INTEGER NOT NULL,
        total REAL NOT NULL,
        PRIMARY KEY (site_id, profile_id, counter_id, day)
      ) WITHOUT ROWID`)}
      ${withSite('profile_categories', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        category TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (site_id, profile_id, category)
      ) WITHOUT ROWID`)}
      ${withSite('segment_members', `(
        site_id INTEGER NOT NULL,
        segment_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (site_id, segment_id, profile_id),
        FOREIGN KEY (site_id, segment_id) REFERENCES segments(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      CREATE INDEX segment_members_profile ON segment_members(profile_id);
      ${withSite('segment_changes', `(
        site_id INTEGER NOT NULL,
        segment_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        entered INTEGER NOT NULL,
        FOREIGN KEY (site_id, segment_id) REFERENCES segments(site_id, id) ON DELETE CASCADE
      )`)}
      CREATE INDEX segment_changes_profile ON segment_changes(profile_id, at);
      ${withSite('funnel_progress', `(
        site_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        funnel_id INTEGER NOT NULL,
        step INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        device TEXT NOT NULL,
        PRIMARY KEY (site_id, profile_id, funnel_id),
        FOREIGN KEY (site_id, funnel_id) REFERENCES funnels(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      CREATE INDEX funnel_progress_funnel ON funnel_progress(funnel_id);
      ${withSite('daily_funnel_steps', `(
        site_id INTEGER NOT NULL,
        funnel_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        step INTEGER NOT NULL,
        source TEXT NOT NULL,
        device TEXT NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (site_id, funnel_id, day, step, source, device),
        FOREIGN KEY (site_id, funnel_id) REFERENCES funnels(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      ${withSite('daily_funnel_times', `(
        site_id INTEGER NOT NULL,
        funnel_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        bucket INTEGER NOT NULL,
        people INTEGER NOT NULL,
        PRIMARY KEY (site_id, funnel_id, day, bucket),
        FOREIGN KEY (site_id, funnel_id) REFERENCES funnels(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      ${withSite('webhook_outbox', `(
        site_id INTEGER NOT NULL,
        id INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL,
        profile_id INTEGER NOT NULL,
        delivery_id TEXT NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        next_at INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_status INTEGER,
        last_error TEXT,
        last_at INTEGER,
        done_at INTEGER,
        FOREIGN KEY (site_id, endpoint_id) REFERENCES webhook_endpoints(site_id, id) ON DELETE CASCADE
      )`)}
      CREATE INDEX webhook_outbox_due ON webhook_outbox(endpoint_id, next_at) WHERE next_at IS NOT NULL;
      CREATE INDEX webhook_outbox_queue ON webhook_outbox(endpoint_id, profile_id, id) WHERE done_at IS NULL;
      CREATE INDEX webhook_outbox_delivered ON webhook_outbox(endpoint_id, done_at) WHERE state = 'delivered';
      CREATE INDEX webhook_outbox_troubled ON webhook_outbox(endpoint_id, last_at) WHERE state IN ('retrying', 'failed');
      CREATE INDEX webhook_outbox_profile ON webhook_outbox(profile_id);
      ${withSite('webhook_segments', `(
        site_id INTEGER NOT NULL,
        endpoint_id INTEGER NOT NULL,
        segment_id INTEGER NOT NULL,
        PRIMARY KEY (site_id, endpoint_id, segment_id),
        FOREIGN KEY (site_id, endpoint_id) REFERENCES webhook_endpoints(site_id, id) ON DELETE CASCADE,
        FOREIGN KEY (site_id, segment_id) REFERENCES segments(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      CREATE INDEX webhook_segments_segment ON webhook_segments(segment_id);
      -- Pools and numbers stay keyed by id alone: a number is unique across sites, so under Citus
      -- they are reference tables, which a distributed table may point at by id.
      ${withSite('call_pool_hours', `(
        site_id INTEGER NOT NULL,
        pool_id INTEGER NOT NULL REFERENCES call_pools(id) ON DELETE CASCADE,
        hour INTEGER NOT NULL,
        sessions INTEGER NOT NULL DEFAULT 0,
        misses INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (site_id, pool_id, hour)
      ) WITHOUT ROWID`)}
      ${withSite('event_rule_versions', `(
        site_id INTEGER NOT NULL,
        rule_id INTEGER NOT NULL,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (site_id, rule_id, version),
        FOREIGN KEY (site_id, rule_id) REFERENCES event_rules(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      ${withSite('rule_days', `(
        site_id INTEGER NOT NULL,
        rule_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        fires INTEGER NOT NULL,
        PRIMARY KEY (site_id, rule_id, day),
        FOREIGN KEY (site_id, rule_id) REFERENCES event_rules(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}
      ${withSite('placement_variants', `(
        site_id INTEGER NOT NULL,
        id INTEGER PRIMARY KEY,
        placement_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        priority INTEGER NOT NULL,
        position INTEGER NOT NULL,
        targeting TEXT NOT NULL,
        content TEXT NOT NULL,
        FOREIGN KEY (site_id, placement_id) REFERENCES placements(site_id, id) ON DELETE CASCADE
      )`)}
      CREATE INDEX placement_variants_placement ON placement_variants(placement_id);
      CREATE UNIQUE INDEX placement_variants_site_key ON placement_variants(site_id, id);
      ${withSite('variant_days', `(
        site_id INTEGER NOT NULL,
        variant_id INTEGER NOT NULL,
        day INTEGER NOT NULL,
        views INTEGER NOT NULL DEFAULT 0,
        clicks INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (site_id, variant_id, day),
        FOREIGN KEY (site_id, variant_id) REFERENCES placement_variants(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID`)}

      -- A person's browsers point at the person with its site.
      CREATE TABLE profile_visitors_21 (
        site_id INTEGER NOT NULL,
        visitor_id TEXT NOT NULL,
        profile_id INTEGER NOT NULL,
        PRIMARY KEY (site_id, visitor_id),
        FOREIGN KEY (site_id, profile_id) REFERENCES profiles(site_id, id) ON DELETE CASCADE
      ) WITHOUT ROWID;
      INSERT INTO profile_visitors_21 SELECT site_id, visitor_id, profile_id FROM profile_visitors;
      DROP TABLE profile_visitors;
      ALTER TABLE profile_visitors_21 RENAME TO profile_visitors;
      CREATE INDEX profile_visitors_profile ON profile_visitors(profile_id);

      ${eventsBySite}
    `,
  },
  {
    version: 22,
    name: "a new counter's fill from stored events, kept with the counter so any collector can finish it",
    sql: `
      -- While a counter is filled from the events stored before it (up to fill_until; later ones ingest
      -- counts), fill_from is the earliest time counted and fill_after the last event row counted so
      -- far; both NULL once it is filled. A collector stopped midway leaves them for another to go on.
      ALTER TABLE segment_counters ADD COLUMN fill_from INTEGER;
      ALTER TABLE segment_counters ADD COLUMN fill_after INTEGER;
      ALTER TABLE segment_counters ADD COLUMN fill_until INTEGER;
    `,
  },
];
