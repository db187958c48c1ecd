// `pulse webhook add|list|remove|enable|disable`: a site's webhook endpoints from the shell.
import type { Config } from './config.js';
import { addWebhookEndpoint, changeWebhookEndpoint, newEndpointSchema } from './webhooks/endpoints.js';
import { firstIssue } from './validation.js';
import { UsageError, withStore } from './cli-usage.js';

type Values = { site?: string; events?: string; secret?: string };

/** A site's webhook endpoints: added (the secret printed this once), listed, removed, turned off and on. */
export function webhook(settings: Config, values: Values, sub: string | undefined, args: string[]): Promise<void> {
  if (!values.site) throw new UsageError(`webhook ${sub ?? ''} needs --site KEY`);
  return withStore(settings, (store) => {
    const site = store.sites.byKey(values.site!);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if (sub === 'add') {
      if (args.length !== 1) throw new UsageError('webhook add takes one URL, e.g. pulse webhook add https://crm.example.com/pulse --site KEY');
      const input = newEndpointSchema.safeParse({ url: args[0], events: values.events?.split(',').map((e) => e.trim()), secret: values.secret });
      if (!input.success) {
        const { field, message } = firstIssue(input.error);
        throw new UsageError(`${field === 'url' ? 'URL' : `--${field.replace(/\[\d+\]$/, '')}`}${message.slice(field.length)}`);
      }
      const endpoint = store.transaction(() => addWebhookEndpoint(store, site.id, input.data, Date.now()));
      console.log(endpoint.secret);
      console.error(`webhook ${endpoint.id} sends ${endpoint.events.join(', ')} to ${endpoint.url}; the secret above signs each body and is not shown again`);
      return;
    }
    if (sub === 'list' && args.length === 0) {
      console.log(['ID', 'URL', 'Events', 'Enabled', 'Delivered', 'Pending', 'Failed'].join('\t'));
      for (const e of store.webhooks.list(site.id)) {
        console.log([e.id, e.url, e.events.join(','), e.enabled ? 'yes' : 'no', e.delivered, e.pending, e.failed].join('\t'));
      }
      return;
    }
    if ((sub === 'remove' || sub === 'enable' || sub === 'disable') && args.length === 1) {
      const endpoint = store.webhooks.find(site.id, Number(args[0]));
      if (!endpoint) throw new UsageError(`no webhook ${args[0]} on site ${site.key}: see pulse webhook list --site ${site.key}`);
      if (sub === 'remove') store.transaction(() => store.webhooks.delete(site.id, endpoint.id));
      else store.transaction(() => changeWebhookEndpoint(store, endpoint, { enabled: sub === 'enable' }, Date.now()));
      console.error(`webhook ${endpoint.id} ${sub === 'remove' ? 'removed with its unsent deliveries' : `${sub}d`}`);
      return;
    }
    throw new UsageError(`unknown command 'webhook ${[sub, ...args].join(' ')}'`);
  });
}
