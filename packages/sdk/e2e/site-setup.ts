// Personalization set up for browser tests: event rules, placements and a segment shown to browsers, saved into the demo site of a stopped collector.
// The collector's REST routes for rules, placements and browser keys are not on main yet: until they
// are, the setup is saved through the collector's own storage module while the collector is stopped
// (it keeps these in memory), and the collector is started again on the same port and file.
import type { EventRule, Targeting, VariantContent } from '@pulse/wire/personalization';
import { openStore } from '../../collector/dist/storage/store.js';
import type { Collector } from './harness';

export interface VariantSetup {
  name: string;
  priority?: number;
  when?: Targeting;
  content: VariantContent;
}

export interface PlacementSetup {
  slot: string;
  adaptive?: ('desktop' | 'tablet' | 'phone')[];
  autoReloadS?: number;
  variants: VariantSetup[];
}

export interface SiteSetup {
  rules: EventRule[];
  placements: PlacementSetup[];
  /** Segments of the site to show to their members' browsers, by id: the key they are shown as. */
  browserKeys: Record<number, string>;
}

/** Saves the setup into the demo site, the collector stopped meanwhile; the ids of the rules (in order) and of each placement's variants (by slot, in order). */
export async function setUpSite(collector: Collector, setup: SiteSetup): Promise<{ rules: number[]; variants: Record<string, number[]> }> {
  await collector.kill();
  const store = openStore(collector.db);
  try {
    const site = (await store.sites.byKey('demo'))!;
    const now = Date.now();
    const rules: number[] = [];
    for (const rule of setup.rules) rules.push((await store.personalization.insertRule(site.id, rule, now)).id);
    const variants: Record<string, number[]> = {};
    for (const placement of setup.placements) {
      const saved = await store.personalization.savePlacement(
        site.id,
        { slot: placement.slot, label: placement.slot, adaptive: placement.adaptive ?? ['desktop', 'tablet', 'phone'], disabled: false, autoReloadS: placement.autoReloadS ?? 0 },
        placement.variants.map((variant) => ({ name: variant.name, priority: variant.priority ?? 0, when: variant.when ?? {}, content: variant.content })),
        now,
      );
      variants[placement.slot] = placement.variants.map((variant) => saved.variants.find((v) => v.name === variant.name)!.id);
    }
    for (const [id, key] of Object.entries(setup.browserKeys)) await store.segments.setBrowserKey(site.id, Number(id), key);
    return { rules, variants };
  } finally {
    await store.close();
    await collector.start();
  }
}

/** A segment of the demo site saved through the REST API (so its counters are filled and its members evaluated); its id. */
export async function addSegment(collector: Collector, name: string, rules: unknown): Promise<number> {
  const response = await fetch(`${collector.url}/api/v1/sites/demo/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${collector.token('read,write')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, rules }),
  });
  if (response.status !== 201) throw new Error(`segment not saved: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: number }).id;
}
