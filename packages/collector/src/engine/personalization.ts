// Personalization's writes: rules and placements saved, segments shown to browsers, and what a batch's events did to rules and variants.
import { mapInOrder } from '../in-order.js';
import { randomBytes } from 'node:crypto';
import type { EventRule, Placement } from '@pulse/wire/personalization';
import type { Store } from '../storage/store.js';
import type { EventRow } from '../model/event.js';
import type { StoredPlacement, StoredRule } from '../model/personalization.js';
import type { Refusal } from '../validation.js';
import { tallyInteractions } from '../personalization/tally.js';
import { wizardSecretKey } from '../personalization/wizard-token.js';

type PersonalizationStores = Pick<Store, 'personalization' | 'segments'>;

/** A new rule, or the next version of the site's rule `id`. */
export async function saveEventRule(store: PersonalizationStores, siteId: number, id: number | undefined, rule: EventRule, now: number): Promise<StoredRule | Refusal> {
  if (id === undefined) return store.personalization.insertRule(siteId, rule, now);
  return await store.personalization.updateRule(siteId, id, rule, now) ?? { field: 'id', message: `id: the site has no event rule ${id}` };
}

/** The segment keys variants may target: those of the site's segments shown to browsers. */
const browserKeys = async (store: PersonalizationStores, siteId: number) =>
  new Set((await store.segments.list(siteId)).flatMap((segment) => (segment.browserKey === null ? [] : [segment.browserKey])));

/** The refusal of a placement targeting a segment not shown to browsers (the browser chooses, and knows no other), its field after `prefix`. */
function unknownSegment(keys: Set<string>, placement: Placement, prefix: string): Refusal | undefined {
  for (const [index, variant] of placement.variants.entries()) {
    const missing = variant.when.segments?.findIndex((key) => !keys.has(key)) ?? -1;
    if (missing === -1) continue;
    const field = `${prefix}variants[${index}].when.segments[${missing}]`;
    return { field, message: `${field}: no segment of the site is shown to browsers as '${variant.when.segments![missing]}' (give one that key on the Segments page)` };
  }
  return undefined;
}

const saveChecked = (store: PersonalizationStores, siteId: number, placement: Placement, now: number) =>
  store.personalization.savePlacement(
    siteId,
    { slot: placement.id, label: placement.label, adaptive: placement.adaptive, disabled: placement.disable, autoReloadS: placement.auto_reload },
    placement.variants,
    now,
  );

/** Saves the placement (by its slot id) with exactly these variants. */
export async function savePlacement(store: PersonalizationStores, siteId: number, placement: Placement, now: number): Promise<StoredPlacement | Refusal> {
  return unknownSegment(await browserKeys(store, siteId), placement, '') ?? await saveChecked(store, siteId, placement, now);
}

/** Saves every placement of an import (seed 001's array), or none: a refusal names the placement as `[index]`. */
export async function savePlacements(store: PersonalizationStores, siteId: number, placements: readonly Placement[], now: number): Promise<StoredPlacement[] | Refusal> {
  const keys = await browserKeys(store, siteId);
  for (const [index, placement] of placements.entries()) {
    const refusal = unknownSegment(keys, placement, `[${index}].`);
    if (refusal) return refusal;
  }
  return mapInOrder(placements, (placement) => saveChecked(store, siteId, placement, now));
}

/** Shows the segment to its members' browsers under `key`, or stops with null. */
export async function exposeSegment(store: PersonalizationStores, siteId: number, segmentId: number, key: string | null): Promise<{ id: number; browserKey: string | null } | Refusal> {
  const holder = key === null ? undefined : (await store.segments.list(siteId)).find((segment) => segment.browserKey === key);
  if (holder && holder.id !== segmentId) return { field: 'browser_key', message: `browser_key: '${key}' is the key of the segment '${holder.name}' already` };
  if (!await store.segments.setBrowserKey(siteId, segmentId, key)) return { field: 'segment', message: `segment: the site has no segment ${segmentId}` };
  return { id: segmentId, browserKey: key };
}

/** Counts a batch's rule firings and variant views and clicks into their days. */
export async function recordInteractions(store: Pick<Store, 'personalization'>, siteId: number, rows: readonly EventRow[]): Promise<void> {
  const { fires, variants } = tallyInteractions(rows, await store.personalization.rules(siteId), await store.personalization.placements(siteId));
  for (const [key, count] of fires) {
    const [rule, day] = key.split(':').map(Number) as [number, number];
    store.personalization.addRuleFires(siteId, rule, day, count);
  }
  for (const [key, [views, clicks]] of variants) {
    const [variant, day] = key.split(':').map(Number) as [number, number];
    store.personalization.addVariantDay(siteId, variant, day, views, clicks);
  }
}

/** The secret wizard tokens are signed with, made the first time one is asked for. */
export async function ensureWizardSecret(store: Pick<Store, 'settings'>): Promise<string> {
  const kept = await store.settings.get(wizardSecretKey);
  if (kept) return kept;
  const secret = randomBytes(32).toString('base64url');
  store.settings.put(wizardSecretKey, secret);
  return secret;
}
