// Brings a person up to a moment — group, current score, cluster, circle, segments — and schedules their next time-driven change.
import type { Batch, Person } from './batch.js';
import type { ProfileRules } from '../profiles/rules.js';
import { lifecycleOf, nextLifecycleChange } from '../profiles/lifecycle.js';
import { circleFrom, settleDimensions } from '../profiles/dimensions.js';
import { decayedScore, nextDecayAt } from '../score/decay.js';
import { clusterFor } from '../clusters/assign.js';
import { factsOf, settleSegments, type MembershipChange } from '../segments/membership.js';
import { outboxRows } from '../webhooks/outbox.js';
import { dayOf } from '../days.js';
import type { Lifecycle } from '../model/profile.js';
import type { WebhookSubject, WebhookType } from '../model/webhook.js';

/**
 * Updates the person in place and records what changed: a change of group is recorded with its time
 * and moves the group sizes; the current score is decayed to `now`; the person goes to the nearest
 * cluster (unless `cluster` is false); a circle due for refresh is recomputed; rule segments are
 * re-evaluated; the next change is the earliest of the next group change, the next decay step, the
 * circle's next refresh and the next moment a segment's time test may flip. Shared by ingest, the
 * sweeper and re-evaluation. The caller saves the profile.
 */
export function settlePerson(batch: Batch, person: Person, rules: ProfileRules, { cluster = true } = {}): void {
  const { profile } = person;
  const { now, site } = batch;
  const group = lifecycleOf(profile, now, rules.lifecycle);
  if (group !== profile.lifecycle) changeGroup(batch, person, group);
  profile.scoreNow = decayedScore(profile.score, profile.scoreAt, now, rules.scoring.decay);
  // Before the segments: a rule may test the cluster.
  if (cluster && site.model) placeInCluster(batch, person);
  // Before the segments too: a rule may test the circle.
  const circleDueAt = settleDimensions(profile, now, false, (p) => circleFrom(batch.circleOf(p)));
  const facts = factsOf(profile, person.counted, site.segments.counters, () => person.features.placed.cluster);
  const segments = site.segments.list.length ? settleSegments(site.segments, facts, person.memberships, now) : { changes: [], crossings: [] };
  for (const change of segments.changes) changeMembership(batch, person, change);
  const moments = [
    circleDueAt,
    nextLifecycleChange(profile, now, rules.lifecycle),
    nextDecayAt(profile.score, profile.scoreAt, now, rules.scoring.decay),
    ...segments.crossings,
  ];
  const future = moments.filter((t): t is number => t !== null);
  profile.nextChangeAt = future.length ? Math.min(...future) : null;
}

/** Queues the change for every endpoint that listens to it, in the transaction that records it. */
export function announce(batch: Batch, person: Person, type: WebhookType, subject: WebhookSubject): void {
  const rows = outboxRows(batch.site.endpoints, person.profile, type, subject, batch.now);
  if (rows.length) batch.write((s) => s.webhooks.queue(rows, batch.now));
}

/** Records a change of group: the change itself, and the sizes of both groups from `now`. */
function changeGroup(batch: Batch, person: Person, to: Lifecycle): void {
  const { profile } = person;
  const { now } = batch;
  const from = profile.lifecycle;
  const day = dayOf(now);
  batch.write((s) => {
    s.profiles.recordGroupChange(profile.siteId, profile.id, now, from, to);
    s.rollups.addGroupDelta(profile.siteId, day, from, -1);
    s.rollups.addGroupDelta(profile.siteId, day, to, 1);
  });
  announce(batch, person, 'group.changed', { group: { from, to } });
  profile.lifecycle = to;
}

/** Enters or leaves a segment: the membership, its change in the history and the day's size, and the webhooks. */
export function changeMembership(batch: Batch, person: Person, { segment, member }: MembershipChange): void {
  const { profile } = person;
  const { now } = batch;
  if (member) person.memberships.add(segment.id);
  else person.memberships.delete(segment.id);
  batch.write((s) => s.segments.setMembership(profile.siteId, segment.id, profile.id, member, now, dayOf(now)));
  announce(batch, person, member ? 'segment.entered' : 'segment.exited', { segment: { id: segment.id, name: segment.name } });
}

/**
 * Puts the person in the nearest cluster with their current score and buying. The cluster's totals
 * move only when something they add changed, as they do at most events.
 */
function placeInCluster(batch: Batch, person: Person): void {
  const { profile, features } = person;
  const cluster = clusterFor(batch.site.model!, profile, features.counts, batch.now);
  const buyer = features.counts.purchases > 0 ? 1 : 0;
  const placed = { cluster, clusterScore: profile.scoreNow, clusterBuyer: buyer };
  const before = features.placed;
  if (before.cluster === cluster && before.clusterScore === placed.clusterScore && before.clusterBuyer === buyer) return;
  features.placed = placed;
  batch.write((s) => s.clusters.place(profile.id, profile.siteId, before, placed));
}
