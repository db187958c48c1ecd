// What a site has set up that its events are measured against: segments, funnels, webhook endpoints, the cluster model, event definitions.
import type { Store } from '../storage/store.js';
import { siteSegments, type SiteSegments } from '../segments/membership.js';
import { liveFunnels, type FunnelIndex } from '../funnels/advance.js';
import { defaultPoints } from '../score/definition.js';
import type { ActiveEndpoint } from '../model/webhook.js';
import type { StoredClusterModel } from '../model/cluster.js';
import type { EventDefinition } from '../model/definition.js';

export interface SiteSetup {
  siteId: number;
  segments: SiteSegments;
  /** The funnels kept at ingest, by the event names their steps use. */
  funnels: FunnelIndex;
  endpoints: readonly ActiveEndpoint[];
  model: StoredClusterModel | null;
  /** Event definitions by name, holding at least every name the batch used. */
  definitions: ReadonlyMap<string, EventDefinition>;
}

/** Read once per batch from storage's copies (each read again only after it changed). Event names seen for the first time get a definition with their default points. */
export async function siteSetup(store: Pick<Store, 'segments' | 'funnels' | 'webhooks' | 'clusters' | 'definitions'>, siteId: number, names: Iterable<string>, now: number): Promise<SiteSetup> {
  const known = await store.definitions.ofSite(siteId);
  const fresh = [...new Set(names)].filter((name) => !known.has(name));
  return {
    siteId,
    segments: siteSegments(await store.segments.setup(siteId)),
    funnels: liveFunnels(await heldFunnels(store, siteId)),
    endpoints: await store.webhooks.active(siteId),
    model: await store.clusters.model(siteId),
    definitions: fresh.length === 0 ? known : await store.definitions.ensure(siteId, fresh.map((name) => ({ name, points: defaultPoints[name] ?? 0 })), now),
  };
}

/**
 * The site's funnels as the batch must treat them: one whose replay finished while the copy still
 * says it runs is live already (its last chunk did not see this batch's events).
 */
async function heldFunnels(store: Pick<Store, 'funnels'>, siteId: number) {
  const setup = await store.funnels.setup(siteId);
  const replayed = setup.filter((funnel) => funnel.computing).map((funnel) => funnel.id);
  if (replayed.length === 0) return setup;
  const still = await store.funnels.holdComputing(siteId, replayed);
  return still.size === replayed.length ? setup : setup.map((funnel) => (funnel.computing && !still.has(funnel.id) ? { ...funnel, computing: false } : funnel));
}
