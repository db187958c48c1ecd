// The site config the browser reads: enabled placements and event rules, and whether calls are tracked; and the chunks it makes p.js load.
import { createHash } from 'node:crypto';
import type { ConfigPlacement, ConfigRule, SiteConfig } from '@pulse/wire/personalization';
import type { StoredPlacement, StoredRule } from '../model/personalization.js';

/** The document for these rules and placements: disabled placements and empty ones left out, its version a hash of the rest. */
export function siteConfig(rules: readonly StoredRule[], placements: readonly StoredPlacement[], calls: boolean): SiteConfig {
  const body = {
    rules: rules.map((stored): ConfigRule => ({ ...stored.rule, id: stored.id, version: stored.version })),
    placements: placements
      .filter((placement) => !placement.disabled && placement.variants.length > 0)
      .map((placement): ConfigPlacement => ({
        id: placement.slot,
        adaptive: placement.adaptive,
        auto_reload: placement.autoReloadS,
        variants: placement.variants.map((variant) => ({ id: variant.id, when: variant.when, content: variant.content })),
      })),
    calls,
  };
  return { v: createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16), ...body };
}

/** The lazy chunks a page of the site needs: p-site.js for rules and placements, p-calls.js for call tracking. */
export function configChunks(config: SiteConfig): string[] {
  return [...(config.rules.length || config.placements.length ? ['site'] : []), ...(config.calls ? ['calls'] : [])];
}
