// Each site's config document, built again only when its rules, placements or pools changed: the events endpoint and GET /v1/config read it per request.
import type { SiteConfig } from '@pulse/wire/personalization';
import type { Store } from '../storage/store.js';
import { siteConfig } from './config.js';

export interface SiteConfigs {
  of(siteId: number): Promise<SiteConfig>;
}

type ConfigStore = Pick<Store, 'personalization' | 'calls'>;
const ofStore = new WeakMap<ConfigStore, SiteConfigs>();

/** The configs read through this connection: one memory per store, however many endpoints read it. */
export const siteConfigsOf = (store: ConfigStore): SiteConfigs => ofStore.get(store) ?? (ofStore.set(store, siteConfigs(store)), ofStore.get(store)!);

function siteConfigs(store: ConfigStore): SiteConfigs {
  // The storage copies stay the same objects until they change: comparing them is the whole check.
  const built = new Map<number, { from: readonly object[]; config: SiteConfig }>();
  return {
    async of(siteId) {
      const rules = await store.personalization.rules(siteId);
      const placements = await store.personalization.placements(siteId);
      const pools = await store.calls.pools(siteId);
      const kept = built.get(siteId);
      const from = [rules, placements, pools];
      if (kept && kept.from.every((part, index) => part === from[index])) return kept.config;
      const config = siteConfig(rules, placements, pools.length > 0);
      built.set(siteId, { from, config });
      return config;
    },
  };
}
