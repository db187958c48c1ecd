// `pulse person export|delete` and `pulse retention show|set`: personal-data requests and the retention setting from the shell.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Config } from './config.js';
import type { Store } from './storage/store.js';
import { localWriter } from './engine/commands.js';
import { defaultProfileRules } from './profiles/rules.js';
import { findPerson, personRefSchema, type PersonKind } from './reports/person-ref.js';
import { forgetPerson } from './jobs/forget.js';
import { personExport } from './reports/person-export.js';
import { retentionSchema } from './jobs/retention.js';
import { UsageError, withStore } from './cli-usage.js';

type Values = { site?: string; user?: string; visitor?: string; profile?: string; out?: string; days?: string };

/** The person the flags name: exactly one of --user, --visitor, --profile on the site --site. */
async function personFrom(store: Pick<Store, 'sites' | 'profiles'>, values: Values, sub: string) {
  if (!values.site) throw new UsageError(`person ${sub} needs --site KEY`);
  const given = (['user', 'visitor', 'profile'] as PersonKind[]).filter((by) => values[by] !== undefined);
  if (given.length !== 1) throw new UsageError(`person ${sub} needs exactly one of --user ID, --visitor ID, --profile ID`);
  const ref = personRefSchema.safeParse({ by: given[0], id: values[given[0]!] });
  if (!ref.success) throw new UsageError(`--${given[0]}: ${ref.error.issues[0]!.message}`);
  const site = await store.sites.byKey(values.site);
  if (!site) throw new UsageError(`no site has the key '${values.site}'`);
  const profile = await findPerson(store, site.id, ref.data);
  if (!profile) throw new UsageError(`no person with ${ref.data.by} '${ref.data.id}' on site ${site.key}`);
  return { site, profile };
}

export function person(settings: Config, values: Values, sub: 'export' | 'delete'): Promise<void> {
  return withStore(settings, async (store) => {
    const { site, profile } = await personFrom(store, values, sub);
    if (sub === 'delete') {
      // Its own writer: chunks commit one by one, so a running server's ingest goes on between them.
      const writer = localWriter(store);
      const forgotten = await forgetPerson({ store, writer, now: Date.now }, site.id, profile.id);
      if (!forgotten) {
        console.error(`pulse: person ${profile.id} was deleted or merged into another meanwhile`);
        process.exitCode = 1;
        return;
      }
      console.log(`deleted person ${forgotten.profileId}: ${forgotten.events} events, ${forgotten.sessions} sessions, ${forgotten.visitors} browsers`);
      return;
    }
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    for await (const piece of personExport(store, site, profile, Date.now(), defaultProfileRules)) {
      if (!out.write(piece)) await once(out, 'drain');
    }
    if (values.out) {
      out.end();
      await once(out, 'finish');
      console.error(`exported person ${profile.id} to ${values.out}`);
    }
  });
}

export function retention(settings: Config, values: Values, sub: 'show' | 'set'): Promise<void> {
  return withStore(settings, async (store) => {
    if (sub === 'set') {
      if (values.days === undefined) throw new UsageError('retention set needs --days N (or --days none to keep everything)');
      const parsed = retentionSchema.safeParse({ days: values.days === 'none' ? null : Number(values.days) });
      if (!parsed.success) throw new UsageError(`--days: ${parsed.error.issues[0]!.message}`);
      await store.transaction(() => store.settings.setRetentionDays(parsed.data.days));
    }
    const days = await store.settings.retentionDays();
    console.log(days === null ? 'raw events and sessions are kept for ever' : `raw events and sessions older than ${days} days are deleted (hourly, by the running collector)`);
  });
}
