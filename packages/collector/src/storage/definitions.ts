// Event definitions: one per event name seen on a site, with its points, prop rules, daily cap and whether it is shown.
import type { EventDefinition } from '../model/definition.js';

export interface DefinitionStore {
  /** A site's definitions by name, as one map that stays the same object until one of them changes. */
  ofSite(siteId: number): Promise<Map<string, EventDefinition>>;
  /** Creates the definitions of names seen for the first time, with their default points; returns all of the site's. */
  ensure(siteId: number, names: { name: string; points: number }[], now: number): Promise<ReadonlyMap<string, EventDefinition>>;
  /** Sets what is given of a definition, creating it (with `defaultPoints`) when the name is new. Hiding stamps hidden_at. */
  save(siteId: number, name: string, changes: { points?: number | undefined; shown?: boolean | undefined; rules?: { prop: string; op: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in"; value: string | number | boolean | (string | number)[]; points: number }[] | undefined; dailyCap?: number | null | undefined; }, defaultPoints: number, now: number): Promise<EventDefinition>;
  find(siteId: number, name: string): Promise<EventDefinition | undefined>;
  list(siteId: number): Promise<EventDefinition[]>;
}
