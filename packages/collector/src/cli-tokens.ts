// `pulse token add|list|revoke`: a site's REST API tokens from the shell.
import type { z } from 'zod';
import type { Config } from './config.js';
import { createApiToken, scopesSchema, tokenNameSchema } from './api/tokens.js';
import { UsageError, withStore } from './cli-usage.js';

type Values = { site?: string; name?: string; scope?: string };

/** The REST API's tokens of a site: made (shown once), listed without their secret, revoked. */
export function tokens(settings: Config, values: Values, sub: 'add' | 'list' | 'revoke'): Promise<void> {
  if (!values.site) throw new UsageError(`token ${sub} needs --site KEY`);
  const flag = <T>(name: string, schema: z.ZodType<T>, value: string | undefined): T => {
    if (value === undefined) throw new UsageError(`token ${sub} needs --${name}`);
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new UsageError(`--${name}: ${parsed.error.issues[0]!.message}`);
    return parsed.data;
  };
  return withStore(settings, async (store) => {
    const site = await store.sites.byKey(values.site!);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if (sub === 'add') {
      const name = flag('name', tokenNameSchema, values.name);
      const scopes = flag('scope', scopesSchema, values.scope);
      if (await store.tokens.named(site.id, name)) throw new UsageError(`site ${site.key} has a token named '${name}' already; revoke it first`);
      console.log(await createApiToken(store, site, name, scopes, Date.now()));
      console.error(`token '${name}' (${scopes.join(',')}) for site ${site.key}: keep it now, it is not shown again`);
    } else if (sub === 'revoke') {
      const name = flag('name', tokenNameSchema, values.name);
      if (!await store.tokens.revoke(site.id, name)) throw new UsageError(`site ${site.key} has no token named '${name}'`);
      console.error(`token '${name}' of site ${site.key} revoked`);
    } else {
      const list = await store.tokens.list(site.id);
      if (list.length === 0) console.error(`site ${site.key} has no API tokens: add one with pulse token add`);
      const iso = (ts: number | null) => (ts === null ? 'never' : new Date(ts).toISOString());
      for (const t of list) console.log([t.name, t.scopes.join(','), iso(t.createdAt), iso(t.lastUsedAt)].join('\t'));
    }
  });
}
