// `pulse calls simulate`: made-up calls sent to a running collector through its real endpoints, for a demo or a try of a site's call tracking.
import { z } from 'zod';
import type { Config } from './config.js';
import { localWriter } from './engine/commands.js';
import { simulateCalls } from './seed/calls.js';
import { random } from './seed/random.js';
import { UsageError, withStore } from './cli-usage.js';

type Values = { site?: string; url?: string; calls?: string };

const countSchema = z.coerce.number().int().min(1).max(1_000);

/** Visits ask the collector at --url for numbers, then calls to them are reported signed with the site's secret; prints how they were attributed. */
export async function calls(settings: Config, values: Values): Promise<void> {
  if (!values.site) throw new UsageError('calls simulate needs --site KEY');
  const count = countSchema.safeParse(values.calls ?? '20');
  if (!count.success) throw new UsageError(`--calls: ${count.error.issues[0]!.message}`);
  const url = (values.url ?? `http://localhost:${settings.port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+$/.test(url)) throw new UsageError('--url: must be the collector\'s origin, e.g. http://localhost:8787');
  const { site, signingSecret } = await withStore(settings, async (store) => {
    const site = await store.sites.byKey(values.site!);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if ((await store.calls.pools(site.id)).length === 0) throw new UsageError(`site ${site.key} has no number pool: add one on the stats page's Calls section or with POST /api/v1/sites/${site.key}/call-pools`);
    const writer = localWriter(store);
    const settings = await writer.run('callSettings', { siteId: site.id });
    await writer.close();
    return { site, signingSecret: settings.signingSecret };
  });
  const told = await simulateCalls({ url, site, signingSecret, calls: count.data, r: random(Date.now()) }).catch((error: Error) => {
    throw new UsageError(`${error.message} (is the collector running at ${url}?)`);
  });
  console.log(`${count.data} calls sent to ${url} for site ${site.key}: ${Object.entries(told).map(([how, n]) => `${n} ${how}`).join(', ')}`);
}
