// Every write Pulse makes, as a named command the single writer runs inside its transaction: the engine's door.
import { mapInOrder } from '../in-order.js';
import type { Store } from '../storage/store.js';
import { createWriter, type LocalWriter, type Writer } from '../storage/writer.js';
import { defaultProfileRules, type ProfileRules } from '../profiles/rules.js';
import { recordEvents } from './ingest.js';
import { settleSitePass, sweepDue, sweepPassSize } from './settle-pass.js';
import { fillCountersPass, saveSegmentRule } from './segments.js';
import { replayFunnelChunk, saveFunnelDefinition } from './funnels.js';
import { forgetProfile } from './forget.js';
import { addStaticNumber, callSettings, rotateCallSecret, saveWidget, leaseNumbers, missedSessions, recordCall, savePool, type NumberRequest } from './calls.js';
import { ensureWizardSecret, exposeSegment, saveEventRule, savePlacement, savePlacements } from './personalization.js';
import { addWebhookEndpoint, changeWebhookEndpoint, type EndpointChanges, type NewEndpoint } from '../webhooks/endpoints.js';
import type { EventRow } from '../model/event.js';
import type { Counter } from '../model/segment.js';
import type { Rule } from '../model/rule.js';
import type { FunnelDefinition } from '../model/funnel.js';
import type { DefinitionChanges } from '../model/definition.js';
import type { ClusterModel } from '../model/cluster.js';
import type { WebhookEndpoint } from '../model/webhook.js';
import type { CallInput, PoolInput, StaticNumberInput } from '../calls/wire.js';
import type { CallbackWidget } from '../calls/callback.js';
import type { EventRule, Placement } from '@pulse/wire/personalization';

/** A delivery's outcome, as the delivery job decided it from the receiver's answer. */
export type DeliveryOutcome =
  | { siteId: number; id: number; kind: 'delivered'; status: number }
  | { siteId: number; id: number; kind: 'failed' | 'retry'; status: number | null; error: string | null; nextAt?: number };

/** Whether an endpoint answered any of a round's attempts with a 2xx. */
export interface EndpointRound {
  siteId: number;
  endpointId: number;
  answered: boolean;
}

/** The commands, bound to the rules they run with; each is given the transaction's store. */
export function engineCommands(rules: ProfileRules) {
  const missed = missedSessions();
  return {
    ingest: (store: Store, { rows, now }: { rows: EventRow[]; now: number }) => recordEvents({ store, rules }, rows, now),
    countBots: (store: Store, { siteId, day, hits }: { siteId: number; day: string; hits: number }) => store.traffic.addBotHits(siteId, day, hits),
    /** One pass of due people; with `all`, passes until none is due, in this one transaction (the seed's simulated hours). */
    sweep: async (store: Store, { now, all = false }: { now: number; all?: boolean }) => {
      let visited = await sweepDue({ store, rules }, now);
      if (all) for (let pass = visited; pass === sweepPassSize; visited += pass) pass = await sweepDue({ store, rules }, now);
      return visited;
    },
    settleSite: (store: Store, { siteId, after, now }: { siteId: number; after: number; now: number }) => settleSitePass({ store, rules }, siteId, after, now),

    saveSegment: (store: Store, { siteId, segment, now }: { siteId: number; segment: { id?: number; name: string; rules: Rule }; now: number }) =>
      saveSegmentRule(store, siteId, segment, now),
    deleteSegment: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.segments.delete(siteId, id),
    fillCounters: (store: Store, { siteId, counterIds }: { siteId: number; counterIds: number[] }) => fillCountersPass(store, siteId, counterIds),
    saveDefinition: (store: Store, { siteId, name, changes, defaultPoints, now }: { siteId: number; name: string; changes: DefinitionChanges; defaultPoints: number; now: number }) =>
      store.definitions.save(siteId, name, changes, defaultPoints, now),

    saveFunnel: (store: Store, { siteId, id, definition, now }: { siteId: number; id?: number; definition: FunnelDefinition; now: number }) =>
      saveFunnelDefinition(store, siteId, id, definition, now),
    deleteFunnel: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.funnels.delete(siteId, id),
    replayFunnel: (store: Store, { siteId, funnelId, generation }: { siteId: number; funnelId: number; generation: number }) =>
      replayFunnelChunk(store, siteId, funnelId, generation),

    saveClusterModel: (store: Store, { siteId, model, fittedAt, sampleSize }: { siteId: number; model: ClusterModel; fittedAt: number; sampleSize: number }) =>
      store.clusters.saveModel(siteId, model, fittedAt, sampleSize),
    setClusterCount: (store: Store, { siteId, k }: { siteId: number; k: number | null }) => store.clusters.setFixedK(siteId, k),

    forgetEvents: (store: Store, { siteId, visitorId, limit }: { siteId: number; visitorId: string; limit: number }) => store.events.deleteOfVisitor(siteId, visitorId, limit),
    forgetProfile: (store: Store, { siteId, profileId, now }: { siteId: number; profileId: number; now: number }) => forgetProfile(store, siteId, profileId, now),
    /** Whether this collector runs a collector-wide job now (retention, a site's refit): of several asking, one is told yes. */
    claimJob: (store: Store, { job, now, everyMs }: { job: string; now: number; everyMs: number }) => store.settings.claimJob(job, now, everyMs),
    setRetention: (store: Store, { days }: { days: number | null }) => store.settings.setRetentionDays(days),
    retainEvents: (store: Store, { siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.events.deleteBefore(siteId, cutoff, limit),
    retainSessions: (store: Store, { siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.visits.deleteSessionsBefore(siteId, cutoff, limit),

    addEndpoint: (store: Store, { siteId, input, now }: { siteId: number; input: NewEndpoint; now: number }) => addWebhookEndpoint(store, siteId, input, now),
    changeEndpoint: (store: Store, { existing, changes, now }: { existing: WebhookEndpoint; changes: EndpointChanges; now: number }) => changeWebhookEndpoint(store, existing, changes, now),
    deleteEndpoint: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.webhooks.delete(siteId, id),
    claimWebhooks: (store: Store, { now, leaseUntil, limit }: { now: number; leaseUntil: number; limit: number }) => store.webhooks.claim(now, leaseUntil, limit),
    recordDeliveries: (store: Store, { outcomes, rounds, now }: { outcomes: DeliveryOutcome[]; rounds: EndpointRound[]; now: number }) => {
      for (const outcome of outcomes) {
        if (outcome.kind === 'delivered') store.webhooks.delivered(outcome.siteId, outcome.id, outcome.status, now);
        else if (outcome.kind === 'failed') store.webhooks.failed(outcome.siteId, outcome.id, outcome.status, outcome.error, now);
        else store.webhooks.retry(outcome.siteId, outcome.id, outcome.status, outcome.error, now, outcome.nextAt!);
      }
      return mapInOrder(rounds, async ({ siteId, endpointId, answered }) => ({ siteId, endpointId, failures: await store.webhooks.round(siteId, endpointId, answered) }));
    },
    holdEndpoint: (store: Store, { siteId, endpointId, until }: { siteId: number; endpointId: number; until: number }) => store.webhooks.hold(siteId, endpointId, until),
    pruneWebhooks: (store: Store, { before, limit }: { before: number; limit: number }) => store.webhooks.prune(before, limit),

    saveEventRule: (store: Store, { siteId, id, rule, now }: { siteId: number; id?: number; rule: EventRule; now: number }) => saveEventRule(store, siteId, id, rule, now),
    deleteEventRule: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.personalization.deleteRule(siteId, id),
    savePlacement: (store: Store, { siteId, placement, now }: { siteId: number; placement: Placement; now: number }) => savePlacement(store, siteId, placement, now),
    /** Seed 001's import: every placement saved, or none when one is refused. */
    savePlacements: (store: Store, { siteId, placements, now }: { siteId: number; placements: Placement[]; now: number }) => savePlacements(store, siteId, placements, now),
    deletePlacement: (store: Store, { siteId, slot }: { siteId: number; slot: string }) => store.personalization.deletePlacement(siteId, slot),
    exposeSegment: (store: Store, { siteId, segmentId, key }: { siteId: number; segmentId: number; key: string | null }) => exposeSegment(store, siteId, segmentId, key),
    ensureWizardSecret: (store: Store) => ensureWizardSecret(store),

    leaseNumbers: (store: Store, { request, now }: { request: NumberRequest; now: number }) => leaseNumbers(store, missed, request, now),
    recordCall: (store: Store, { siteId, call, eventTs, now }: { siteId: number; call: CallInput; eventTs: number; now: number }) => recordCall({ store, rules }, siteId, call, eventTs, now),
    savePool: (store: Store, { siteId, id, input, now }: { siteId: number; id?: number; input: PoolInput; now: number }) => savePool(store, siteId, id, input, now),
    deletePool: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.calls.deletePool(siteId, id),
    addStaticNumber: (store: Store, { siteId, input }: { siteId: number; input: StaticNumberInput }) => addStaticNumber(store, siteId, input),
    deleteNumber: (store: Store, { siteId, id }: { siteId: number; id: number }) => store.calls.deleteNumber(siteId, id),
    callSettings: (store: Store, { siteId }: { siteId: number }) => callSettings(store, siteId),
    setStoreCallers: async (store: Store, { siteId, on }: { siteId: number; on: boolean }) => (await callSettings(store, siteId), store.calls.setStoreCallers(siteId, on)),
    saveWidget: (store: Store, { siteId, widget }: { siteId: number; widget: CallbackWidget }) => saveWidget(store, siteId, widget),
    rotateCallSecret: (store: Store, { siteId }: { siteId: number }) => rotateCallSecret(store, siteId),
    retainCalls: (store: Store, { siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.calls.deleteBefore(siteId, cutoff, limit),

    touchToken: (store: Store, { id, at }: { id: number; at: number }) => store.tokens.touch(id, at),
    // A Buffer crosses to the writer thread as a plain Uint8Array: SQLite binds it as a blob once it is a Buffer again.
    signIn: (store: Store, { tokenHash, csrfToken, now, expiresAt }: { tokenHash: Uint8Array; csrfToken: string; now: number; expiresAt: number }) =>
      store.adminSessions.insert(Buffer.from(tokenHash), csrfToken, now, expiresAt),
    signOut: (store: Store, { tokenHash }: { tokenHash: Uint8Array }) => store.adminSessions.delete(Buffer.from(tokenHash)),
  };
}

export type EngineCommands = Awaited<ReturnType<typeof engineCommands>>;
/** The single writer, running the engine's commands. */
export type EngineWriter = Writer<EngineCommands>;

/** A writer in this thread running the engine's commands: what the CLI, the seed and tests use. */
export const localWriter = (store: Store, options: { windowMs?: number; rules?: ProfileRules } = {}): LocalWriter<EngineCommands> =>
  createWriter({ transaction: (fn) => store.transaction(fn), commands: engineCommands(options.rules ?? defaultProfileRules), windowMs: options.windowMs });
