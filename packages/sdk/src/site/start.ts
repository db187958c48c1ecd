// Personalization on the site's pages: the site config's rules applied, its slots filled for the visitor's profile, and profile(), on() and slot() put on the tracker.
import type { SiteConfig } from '@pulse/wire/personalization';
import { collectorUrl } from '../config';
import { attempt } from '../storage';
import type { Props, ScriptTracker, Tracker } from '../tracker';
import type { SlotRender, VisitorProfile } from './api';
import { fetchKept, forget, kept } from './documents';
import { firePageRules, watchRules } from './rules';
import { createSlots } from './slots';
import { chooseVariant } from './targeting';

/** How long after the visitor's last event their events are sent and the profile read again, so the segment an event moved them into shows at once. */
export const settleMs = 1000;
/** Where the site config is kept for the session. */
const configKey = 'pulse_site';
/** Trackers started already: an npm tracker's events answers name the chunk again and again. */
const started = new WeakSet<object>();

/**
 * Starts personalization beside `tracker` (p.js's window.pulse, or an npm tracker), once. Nothing is
 * fetched, rendered or recorded while the visitor may not be tracked; consent given later starts it.
 * Its methods are installed first: p.js's forwarders call them as soon as this returns.
 */
export function startSite(tracker: ScriptTracker): void {
  if (started.has(tracker)) return;
  started.add(tracker);
  const [options] = tracker.state();
  const base = `${collectorUrl(options)}/v1/`;
  const site = encodeURIComponent(options.site);
  const may = () => tracker.state()[1];
  const visitor = () => tracker.state()[2].get('v');
  const profileKey = () => 'pulse_profile_' + visitor();
  const { track, page, identify, consent } = tracker;
  const watchers: ((profile: VisitorProfile) => void)[] = [];
  const renderers: ((render: SlotRender) => void)[] = [];
  let config = kept<SiteConfig>(configKey);
  let profile: VisitorProfile | undefined;
  // This page's read of the profile, for profile().
  let read: Promise<VisitorProfile | null> = Promise.resolve(null);
  // The current pageview's page rules are still to fire (the chunk loads after its pageview was recorded).
  let pageDue = true;
  let settling: ReturnType<typeof setTimeout> | undefined;

  const slots = createSlots(
    (id) => {
      const placement = config?.placements.find((placement) => placement.id == id);
      if (config && profile && may()) return { placement, variant: chooseVariant(placement, profile) };
    },
    track,
    renderers,
  );
  const fillAll = () => document.querySelectorAll<HTMLElement>('[data-pulse-slot]').forEach((element) => slots.fill(element));
  const firePage = () => config && pageDue && may() && ((pageDue = false), firePageRules(config.rules, record));

  const settle = () => {
    clearTimeout(settling);
    settling = setTimeout(() => tracker.flush().then(readProfile), settleMs);
  };
  const record = (name: string, props?: Props) => (track(name, props), settle());

  function readProfile(): void {
    const id = visitor();
    read =
      may() && id
        ? fetchKept<VisitorProfile>(`${base}profile/${site}/${encodeURIComponent(id)}`, profileKey()).then((next) => {
            if (next && may() && JSON.stringify(next) != JSON.stringify(profile)) {
              profile = next;
              fillAll();
              for (const watcher of watchers) attempt(() => watcher(next));
            }
            return (may() && profile) || null;
          })
        : Promise.resolve(null);
  }

  function start(): void {
    if (!may()) return;
    // A later page of the session paints from what the last one was told, then asks again.
    profile ||= kept(profileKey());
    firePage();
    fillAll();
    readProfile();
    // Once a session (the tab's, kept in sessionStorage): an admin's save reaches the sessions that start after it.
    if (!config)
      void fetchKept<SiteConfig>(`${base}config/${site}`, configKey).then((next) => {
        if (next) (config = next), fillAll();
        firePage();
      });
  }

  const api: Pick<Tracker, 'profile' | 'on' | 'slot'> = {
    profile: () => (may() ? read : Promise.resolve(null)),
    on(event: 'profile' | 'render', fn: (value: never) => void) {
      if (event == 'profile') watchers.push(fn as (profile: VisitorProfile) => void), profile && may() && fn(profile as never);
      if (event == 'render') renderers.push(fn as (render: SlotRender) => void), fillAll();
    },
    slot(id, element) {
      if (element) element.dataset.pulseSlot = id;
      for (const slot of element ? [element] : document.querySelectorAll<HTMLElement>('[data-pulse-slot]')) if (slot.dataset.pulseSlot == id) slots.fill(slot);
    },
  };
  Object.assign(tracker, api);
  tracker.track = record;
  tracker.identify = (userId, traits) => (identify(userId, traits), settle());
  // p.js calls page() for every pageview, SPA navigations included.
  tracker.page = (props) => {
    page(props);
    pageDue = true;
    firePage();
    fillAll();
    readProfile();
  };
  tracker.consent = (granted) => {
    const key = profileKey();
    consent(granted);
    if (granted) start();
    else (profile = undefined), forget(key);
  };
  watchRules(() => (may() ? config?.rules : undefined), record);
  start();
}
