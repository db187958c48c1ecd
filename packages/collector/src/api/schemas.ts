// What the REST API answers, as zod schemas: the OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import { ageBands, communityTypes, lifecycles } from '../model/profile.js';
import { webhookTypes } from '../model/webhook.js';

const json = z.record(z.string(), z.unknown());
const epochMs = z.number().int().openapi({ description: 'epoch milliseconds', example: 1795435200000 });
const lifecycle = z.enum(lifecycles);
const share = z.number().nullable().openapi({ description: 'a fraction from 0 to 1, or null when there was nothing to take it of' });

export const errorSchema = z
  .object({
    error: z.string().openapi({ example: 'limit: must be a whole number from 1 to 1000' }),
    field: z.string().optional().openapi({ description: 'the field, header or parameter at fault', example: 'limit' }),
  })
  .openapi('Error');

const storedEvent = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    ts: epochMs,
    visitorId: z.string(),
    sessionId: z.string(),
    path: z.string().nullable(),
    url: z.string().nullable(),
    props: json.nullable(),
  })
  .openapi('StoredEvent');

const profileSummary = {
  id: z.number().int(),
  userId: z.string().nullable(),
  source: z.string().openapi({ description: 'where the person first came from: a campaign source, a referring host, or direct' }),
  traits: json,
  lifecycle,
  score: z.number().openapi({ description: 'the lead score decayed to now' }),
  events: z.number().int(),
  firstSeen: epochMs,
  lastSeen: epochMs,
};

const communityType = z.enum(communityTypes);
const typeCounts = z.partialRecord(communityType, z.number().int()).openapi({ description: 'communities counted by VK type; a type with none is left out' });

export const profileSchema = z
  .object({
    ...profileSummary,
    ageBand: z.enum(ageBands).nullable().openapi({ description: 'from the birth_date or age trait' }),
    communities: z.object({
      own: typeCounts,
      dominant: communityType.nullable(),
      circle: typeCounts.openapi({ description: "the sum of the contacts' own counts, refreshed daily" }),
      circleDominant: communityType.nullable(),
    }),
    cluster: z.number().int().nullable().openapi({ description: 'the cluster (1..k) of the site model the person is in, or null before the first fit' }),
    visitors: z.array(z.string()),
    scoreHistory: z.array(z.object({ day: z.number().int(), score: z.number() })),
    lifecycleChanges: z.array(z.object({ at: epochMs, from: lifecycle, to: lifecycle })),
    segments: z.array(z.number().int()),
    segmentHistory: z.array(z.object({ segmentId: z.number().int(), at: epochMs, entered: z.boolean() })),
    lastEvents: z.array(storedEvent),
  })
  .openapi('Profile');

const leadSchema = z
  .object({
    ...profileSummary,
    name: z.object({ title: z.string(), detail: z.string().nullable(), anonymous: z.boolean() }),
    country: z.string().nullable(),
    city: z.string().nullable(),
    device: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    segments: z.array(z.string()).openapi({ description: 'names of the segments the person is in' }),
    recent: z.array(storedEvent),
    writing: z
      .object({ event: z.string(), ts: epochMs, text: z.string(), rating: z.number().nullable(), productId: z.string().nullable() })
      .nullable(),
    writings: z.number().int(),
  })
  .openapi('ProfileListItem');

export const profilePageSchema = z
  .object({
    profiles: z.array(leadSchema),
    next: z.string().nullable().openapi({ description: 'pass as `after` for the next page; null on the last' }),
  })
  .openapi('ProfilePage');

export const segmentSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    rules: json.openapi({ description: 'the rule, as the README describes it' }),
    size: z.number().int(),
    browserKey: z.string().nullable().openapi({ description: "the key its members' pages see it under (pulse.profile().segments), or null when browsers are not told" }),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .openapi('Segment');

export const memberPageSchema = z
  .object({
    members: z.array(
      z.object({
        profileId: z.number().int(),
        since: epochMs,
        userId: z.string().nullable(),
        visitorId: z.string().nullable(),
        traits: json,
        score: z.number(),
        lifecycle,
        country: z.string().nullable(),
        city: z.string().nullable(),
        device: z.string().nullable(),
      }),
    ),
    next: z.number().int().nullable().openapi({ description: 'pass as `after` for the next page; null on the last' }),
  })
  .openapi('MemberPage');

/** One line of the NDJSON export: the event as sent (wire names) with what the collector added. */
export const exportedEventSchema = z
  .object({
    id: z.string(),
    type: z.enum(['page', 'track', 'identify']),
    name: z.string(),
    ts: epochMs.openapi({ description: "the event's time, corrected for the client's clock" }),
    client_ts: epochMs,
    received_at: epochMs,
    visitor_id: z.string(),
    session_id: z.string(),
    user_id: z.string().nullable(),
    props: json.nullable(),
    traits: json.nullable(),
    context: json.openapi({ description: 'url, title, referrer, campaign parameters, click id, screen, language, timezone: those that were set' }),
    device: z.enum(['desktop', 'tablet', 'phone']),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    country: z.string().nullable(),
    city: z.string().nullable(),
  })
  .openapi('ExportedEvent');

export const storedEventsSchema = z
  .object({
    accepted: z.number().int(),
    duplicates: z.number().int().openapi({ description: 'events whose id was stored before: sent again, stored once' }),
  })
  .openapi('StoredEvents');

const totals = z.object({
  visitors: z.number().int(),
  sessions: z.number().int(),
  pageviews: z.number().int(),
  events: z.number().int(),
  bounceRate: z.number(),
  sessionLengthMs: z.number(),
});
const top = z.array(z.object({ value: z.string(), count: z.number().int() }));
const nullableCounts = z.array(z.number().int().nullable());

export const overviewSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    totals,
    previous: totals,
    series: z.object({
      step: z.enum(['hour', 'day']),
      x: z.array(z.number().int()).openapi({ description: 'hours or days since 1970-01-01 UTC' }),
      sessions: nullableCounts,
      pageviews: nullableCounts,
      visitors: nullableCounts.nullable(),
    }),
    pages: top,
    sources: top,
    referrers: top,
    campaigns: top,
    devices: top,
    browsers: top,
    os: top,
    countries: top,
    cities: top,
  })
  .openapi('Overview');

const groups = z.object({ new: z.number().int(), active: z.number().int(), passive: z.number().int() });
const compared = z.object({ value: z.number().int(), previous: z.number().int() });

export const audienceSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    reached: compared,
    activePeople: compared,
    reach: z.array(z.object({ source: z.string(), people: z.number().int() })),
    activePerDay: z.array(z.object({ day: z.number().int(), people: z.number().int() })),
    weeks: z.array(z.object({ from: z.number().int(), to: z.number().int(), people: z.number().int() })),
    mix: z.array(z.object({ name: z.string(), events: z.number().int(), previous: z.number().int() })),
    groupsByDay: z.array(groups.extend({ day: z.number().int() })),
    groupsNow: groups.extend({ day: z.number().int() }),
    groupsBefore: groups,
  })
  .openapi('Audience');

const breakdown = z.array(z.object({ label: z.string(), started: z.number().int(), completed: z.number().int(), conversion: share }));
const summary = z.object({ started: z.number().int(), completed: z.number().int(), conversion: share });

export const funnelsSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    funnels: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        windowMinutes: z.number().int(),
        computing: z.number().int().nullable().openapi({ description: 'percent replayed while the funnel is being computed; null when done' }),
        steps: z.array(
          z.object({
            event: z.string(),
            where: z.array(json).optional(),
            people: z.number().int(),
            fromFirst: share,
            fromPrevious: share,
            droppedOff: z.number().int().nullable(),
          }),
        ),
        current: summary,
        previous: summary,
        medianSeconds: z.number().nullable(),
        bySource: breakdown,
        byDevice: breakdown,
      }),
    ),
  })
  .openapi('Funnels');

const propTest = z.object({ prop: z.string(), op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in']), value: z.unknown() });

export const definitionSchema = z
  .object({
    id: z.number().int(),
    siteId: z.number().int(),
    name: z.string(),
    points: z.number().int(),
    shown: z.boolean(),
    rules: z.array(propTest.extend({ points: z.number().int() })).openapi({ description: 'prop rules: the first whose prop test passes sets the points' }),
    dailyCap: z.number().int().nullable().openapi({ description: 'the most points one person can get from the event in a day; null for no cap' }),
    hiddenAt: epochMs.nullable().openapi({ description: 'when it was hidden, while it is' }),
  })
  .openapi('EventDefinition');

const endpointFields = {
  id: z.number().int(),
  siteId: z.number().int(),
  url: z.string(),
  events: z.array(z.enum(webhookTypes)),
  segments: z.array(z.number().int()).nullable().openapi({ description: 'the segments whose entries and exits it gets; null for every segment' }),
  enabled: z.boolean(),
  createdAt: epochMs,
  delivered: z.number().int(),
  failed: z.number().int(),
  failures: z.number().int().openapi({ description: 'rounds of attempts in a row without a 2xx' }),
  heldUntil: epochMs.nullable().openapi({ description: 'until when the endpoint is left alone after failed rounds, if it is' }),
};

export const endpointSchema = z.object({ ...endpointFields, pending: z.number().int() }).openapi('WebhookEndpoint');
export const newEndpointAnswerSchema = z
  .object({ ...endpointFields, secret: z.string().openapi({ description: 'signs every body; shown this once' }) })
  .openapi('NewWebhookEndpoint');

export const deletedSchema = z
  .object({ deleted: z.object({ profileId: z.number().int(), visitors: z.number().int(), events: z.number().int(), sessions: z.number().int(), calls: z.number().int() }) })
  .openapi('DeletedPerson');

export const retentionAnswerSchema = z.object({ days: z.number().int().nullable() }).openapi('Retention');
