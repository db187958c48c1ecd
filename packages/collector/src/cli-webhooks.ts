// `pulse webhook add|set|list|remove|enable|disable`: a site's webhook endpoints from the shell.
import type { z } from 'zod';
import type { Config } from './config.js';
import { addWebhookEndpoint, changeWebhookEndpoint, endpointChangesSchema, newEndpointSchema } from './webhooks/endpoints.js';
import { firstIssue, type Refusal } from './validation.js';
import { UsageError, withStore } from './cli-usage.js';
import type { WebhookEndpoint } from './model/webhook.js';

type Values = { site?: string; events?: string; segments?: string; secret?: string };

const list = (flag: string | undefined) => flag?.split(',').map((item) => item.trim());

/** The flags as the API's body: `--segments all` for every segment, else segment ids. */
const bodyOf = (values: Values) => ({
  events: list(values.events),
  segments: values.segments === 'all' ? null : list(values.segments)?.map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
  secret: values.secret,
});

/** A refusal told as the flag it is about: `--segments[1]: …` reads `--segments: …`. */
function usageError({ field, message }: Refusal): UsageError {
  const flag = field === 'url' ? 'URL' : `--${field.replace(/\[\d+\]$/, '')}`;
  return new UsageError(`${flag}${message.slice(field.length)}`);
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw usageError(firstIssue(result.error));
  return result.data;
}

function accepted<T extends object>(result: T | Refusal | undefined): T {
  if (result && 'field' in result) throw usageError(result);
  return result!;
}

const listensTo = (endpoint: WebhookEndpoint) =>
  `${endpoint.events.join(', ')}${endpoint.segments ? ` (segments ${endpoint.segments.join(', ')} only)` : ''}`;

/** A site's webhook endpoints: added (the secret printed this once), changed, listed, removed, turned off and on. */
export function webhook(settings: Config, values: Values, sub: string | undefined, args: string[]): Promise<void> {
  if (!values.site) throw new UsageError(`webhook ${sub ?? ''} needs --site KEY`);
  return withStore(settings, async (store) => {
    const site = await store.sites.byKey(values.site!);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if (sub === 'add') {
      if (args.length !== 1) throw new UsageError('webhook add takes one URL, e.g. pulse webhook add https://crm.example.com/pulse --site KEY');
      const input = parsed(newEndpointSchema, { url: args[0], ...bodyOf(values) });
      const endpoint = await accepted(await store.transaction(() => addWebhookEndpoint(store, site.id, input, Date.now())));
      console.log(endpoint.secret);
      console.error(`webhook ${endpoint.id} sends ${listensTo(endpoint)} to ${endpoint.url}; the secret above signs each body and is not shown again`);
      return;
    }
    if (sub === 'list' && args.length === 0) {
      console.log(['ID', 'URL', 'Events', 'Segments', 'Enabled', 'Delivered', 'Pending', 'Failed'].join('\t'));
      for (const e of await store.webhooks.list(site.id)) {
        console.log([e.id, e.url, e.events.join(','), e.segments?.join(',') ?? 'all', e.enabled ? 'yes' : 'no', e.delivered, e.pending, e.failed].join('\t'));
      }
      return;
    }
    if ((sub === 'set' || sub === 'remove' || sub === 'enable' || sub === 'disable') && args.length === 1) {
      const endpoint = await store.webhooks.find(site.id, Number(args[0]));
      if (!endpoint) throw new UsageError(`no webhook ${args[0]} on site ${site.key}: see pulse webhook list --site ${site.key}`);
      if (sub === 'set') {
        const { events, segments } = bodyOf(values);
        const changes = parsed(endpointChangesSchema, { events, segments });
        const changed = await accepted(await store.transaction(() => changeWebhookEndpoint(store, endpoint, changes, Date.now())));
        console.error(`webhook ${changed.id} sends ${listensTo(changed)} to ${changed.url}`);
        return;
      }
      if (sub === 'remove') await store.transaction(() => store.webhooks.delete(site.id, endpoint.id));
      else await store.transaction(() => changeWebhookEndpoint(store, endpoint, { enabled: sub === 'enable' }, Date.now()));
      console.error(`webhook ${endpoint.id} ${sub === 'remove' ? 'removed with its unsent deliveries' : `${sub}d`}`);
      return;
    }
    throw new UsageError(`unknown command 'webhook ${[sub, ...args].join(' ')}'`);
  });
}
