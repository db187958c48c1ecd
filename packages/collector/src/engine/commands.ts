// Every write Pulse makes, as a named command the single writer runs inside its transaction: the engine's door.
import type { Store } from '../storage/store.js';
import { createWriter, type LocalWriter, type Writer } from '../storage/writer.js';
import { defaultProfileRules, type ProfileRules } from '../profiles/rules.js';
import { recordEvents, type EngineContext } from './ingest.js';
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
  | { id: number; kind: 'delivered'; status: number }
  | { id: number; kind: 'failed' | 'retry'; status: number | null; error: string | null; nextAt?: number };

/** The commands, bound to the store and rules they run with. */
export function engineCommands(store: Store, rules: ProfileRules) {
  const context: EngineContext = { store, rules };
  const missed = missedSessions();
  return {
    ingest: ({ rows, now }: { rows: EventRow[]; now: number }) => recordEvents(context, rows, now),
    countBots: ({ siteId, day, hits }: { siteId: number; day: string; hits: number }) => store.traffic.addBotHits(siteId, day, hits),
    /** One pass of due people; with `all`, passes until none is due, in this one transaction (the seed's simulated hours). */
    sweep: ({ now, all = false }: { now: number; all?: boolean }) => {
      let visited = sweepDue(context, now);
      if (all) for (let pass = visited; pass === sweepPassSize; visited += pass) pass = sweepDue(context, now);
      return visited;
    },
    settleSite: ({ siteId, after, now }: { siteId: number; after: number; now: number }) => settleSitePass(context, siteId, after, now),

    saveSegment: ({ siteId, segment, now }: { siteId: number; segment: { id?: number; name: string; rules: Rule }; now: number }) =>
      saveSegmentRule(store, siteId, segment, now),
    deleteSegment: ({ siteId, id }: { siteId: number; id: number }) => store.segments.delete(siteId, id),
    fillCounters: ({ siteId, counters, fromTs, after }: { siteId: number; counters: Counter[]; fromTs: number; after: number }) =>
      fillCountersPass(store, siteId, counters, fromTs, after),
    saveDefinition: ({ siteId, name, changes, defaultPoints, now }: { siteId: number; name: string; changes: DefinitionChanges; defaultPoints: number; now: number }) =>
      store.definitions.save(siteId, name, changes, defaultPoints, now),

    saveFunnel: ({ siteId, id, definition, now }: { siteId: number; id?: number; definition: FunnelDefinition; now: number }) =>
      saveFunnelDefinition(store, siteId, id, definition, now),
    deleteFunnel: ({ siteId, id }: { siteId: number; id: number }) => store.funnels.delete(siteId, id),
    replayFunnel: ({ funnelId, generation }: { funnelId: number; generation: number }) => replayFunnelChunk(store, funnelId, generation),

    saveClusterModel: ({ siteId, model, fittedAt, sampleSize }: { siteId: number; model: ClusterModel; fittedAt: number; sampleSize: number }) =>
      store.clusters.saveModel(siteId, model, fittedAt, sampleSize),
    setClusterCount: ({ siteId, k }: { siteId: number; k: number | null }) => store.clusters.setFixedK(siteId, k),

    forgetEvents: ({ siteId, visitorId, limit }: { siteId: number; visitorId: string; limit: number }) => store.events.deleteOfVisitor(siteId, visitorId, limit),
    forgetProfile: ({ siteId, profileId, now }: { siteId: number; profileId: number; now: number }) => forgetProfile(store, siteId, profileId, now),
    setRetention: ({ days }: { days: number | null }) => store.settings.setRetentionDays(days),
    retainEvents: ({ siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.events.deleteBefore(siteId, cutoff, limit),
    retainSessions: ({ siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.visits.deleteSessionsBefore(siteId, cutoff, limit),

    addEndpoint: ({ siteId, input, now }: { siteId: number; input: NewEndpoint; now: number }) => addWebhookEndpoint(store, siteId, input, now),
    changeEndpoint: ({ existing, changes, now }: { existing: WebhookEndpoint; changes: EndpointChanges; now: number }) => changeWebhookEndpoint(store, existing, changes, now),
    deleteEndpoint: ({ siteId, id }: { siteId: number; id: number }) => store.webhooks.delete(siteId, id),
    claimWebhooks: ({ now, leaseUntil, limit }: { now: number; leaseUntil: number; limit: number }) => store.webhooks.claim(now, leaseUntil, limit),
    recordDeliveries: ({ outcomes, rounds, now }: { outcomes: DeliveryOutcome[]; rounds: { endpointId: number; answered: boolean }[]; now: number }) => {
      for (const outcome of outcomes) {
        if (outcome.kind === 'delivered') store.webhooks.delivered(outcome.id, outcome.status, now);
        else if (outcome.kind === 'failed') store.webhooks.failed(outcome.id, outcome.status, outcome.error, now);
        else store.webhooks.retry(outcome.id, outcome.status, outcome.error, now, outcome.nextAt!);
      }
      return rounds.map(({ endpointId, answered }) => ({ endpointId, failures: store.webhooks.round(endpointId, answered) }));
    },
    holdEndpoint: ({ endpointId, until }: { endpointId: number; until: number }) => store.webhooks.hold(endpointId, until),
    pruneWebhooks: ({ before, limit }: { before: number; limit: number }) => store.webhooks.prune(before, limit),

    saveEventRule: ({ siteId, id, rule, now }: { siteId: number; id?: number; rule: EventRule; now: number }) => saveEventRule(store, siteId, id, rule, now),
    deleteEventRule: ({ siteId, id }: { siteId: number; id: number }) => store.personalization.deleteRule(siteId, id),
    savePlacement: ({ siteId, placement, now }: { siteId: number; placement: Placement; now: number }) => savePlacement(store, siteId, placement, now),
    /** Seed 001's import: every placement saved, or none when one is refused. */
    savePlacements: ({ siteId, placements, now }: { siteId: number; placements: Placement[]; now: number }) => savePlacements(store, siteId, placements, now),
    deletePlacement: ({ siteId, slot }: { siteId: number; slot: string }) => store.personalization.deletePlacement(siteId, slot),
    exposeSegment: ({ siteId, segmentId, key }: { siteId: number; segmentId: number; key: string | null }) => exposeSegment(store, siteId, segmentId, key),
    ensureWizardSecret: () => ensureWizardSecret(store),

    leaseNumbers: ({ request, now }: { request: NumberRequest; now: number }) => leaseNumbers(store, missed, request, now),
    recordCall: ({ siteId, call, eventTs, now }: { siteId: number; call: CallInput; eventTs: number; now: number }) => recordCall(context, siteId, call, eventTs, now),
    savePool: ({ siteId, id, input, now }: { siteId: number; id?: number; input: PoolInput; now: number }) => savePool(store, siteId, id, input, now),
    deletePool: ({ siteId, id }: { siteId: number; id: number }) => store.calls.deletePool(siteId, id),
    addStaticNumber: ({ siteId, input }: { siteId: number; input: StaticNumberInput }) => addStaticNumber(store, siteId, input),
    deleteNumber: ({ siteId, id }: { siteId: number; id: number }) => store.calls.deleteNumber(siteId, id),
    callSettings: ({ siteId }: { siteId: number }) => callSettings(store, siteId),
    setStoreCallers: ({ siteId, on }: { siteId: number; on: boolean }) => (callSettings(store, siteId), store.calls.setStoreCallers(siteId, on)),
    saveWidget: ({ siteId, widget }: { siteId: number; widget: CallbackWidget }) => saveWidget(store, siteId, widget),
    rotateCallSecret: ({ siteId }: { siteId: number }) => rotateCallSecret(store, siteId),
    retainCalls: ({ siteId, cutoff, limit }: { siteId: number; cutoff: number; limit: number }) => store.calls.deleteBefore(siteId, cutoff, limit),

    touchToken: ({ id, at }: { id: number; at: number }) => store.tokens.touch(id, at),
    // A Buffer crosses to the writer thread as a plain Uint8Array: SQLite binds it as a blob once it is a Buffer again.
    signIn: ({ tokenHash, csrfToken, now, expiresAt }: { tokenHash: Uint8Array; csrfToken: string; now: number; expiresAt: number }) =>
      store.adminSessions.insert(Buffer.from(tokenHash), csrfToken, now, expiresAt),
    signOut: ({ tokenHash }: { tokenHash: Uint8Array }) => store.adminSessions.delete(Buffer.from(tokenHash)),
  };
}

export type EngineCommands = ReturnType<typeof engineCommands>;
/** The single writer, running the engine's commands. */
export type EngineWriter = Writer<EngineCommands>;

/** A writer in this thread running the engine's commands: what the CLI, the seed and tests use. */
export const localWriter = (store: Store, options: { windowMs?: number; rules?: ProfileRules } = {}): LocalWriter<EngineCommands> =>
  createWriter({ transaction: store.transaction, commands: engineCommands(store, options.rules ?? defaultProfileRules), windowMs: options.windowMs });
