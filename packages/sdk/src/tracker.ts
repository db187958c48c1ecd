// Wires the modules into the tracker a site calls: events built, queued and sent; pageviews, engagement and consent handled.
import type { wireLimits } from '@pulse/wire';
import type { FirstTouch } from './attribution';
import { firstTouchOf } from './attribution';
import { loadChunks } from './chunks';
import { collectorUrl, timeoutMs, type Options } from './config';
import { initialConsent } from './consent';
import { pageContext } from './context';
import { watchEngagement } from './engagement';
import { uuidv7 } from './ids';
import { pageKey, watchNavigation } from './pageviews';
import { createQueue } from './queue';
import { createSender } from './sender';
import { touchSession, type Arrival } from './session';
import { attempt, createStore, type Store } from './storage';
import type { SlotRender, VisitorProfile } from './site/api';

/** Properties of an event or traits of a user: a JSON object (≤ 50 keys, nesting ≤ 4, strings ≤ 1024 chars, ≤ 16 KiB). */
export type Props = Record<string, unknown>;

export interface Tracker {
  /** Records a custom event, e.g. track('add_to_cart', { product_id: 'p1', price: 9.5 }). */
  track(name: string, props?: Props): void;
  /** Records a pageview of the current URL; automatic pageviews already cover page loads and SPA navigations. */
  page(props?: Props): void;
  /** Ties the visitor to the site's user id (1-128 printable characters, e.g. an email address); every later event carries it. */
  identify(userId: string, traits?: Props): void;
  /** The visitor's choice: true stores and sends; false clears the queue and the ids, and stops tracking. */
  consent(granted: boolean): void;
  /** Forgets the visitor (e.g. on logout): new visitor and session ids, no user id, no first touch. */
  reset(): void;
  /** Sends what is queued now; resolves when the attempt is over, never rejects. */
  flush(): Promise<void>;
  /** Where this visitor first came from: landing page, referrer, utm source/medium/campaign. */
  firstTouch(): FirstTouch | null;
  /** What the page may know of the visitor (segments the site exposes, group, cluster, score band, device class); null without consent or an answer. */
  profile(): Promise<VisitorProfile | null>;
  /** 'profile': the visitor's profile now (when known) and after each change. */
  on(event: 'profile', fn: (profile: VisitorProfile) => void): void;
  /** 'render': the site's renderer of provider variants (an ad network's tag, say); slots waiting for one are filled once it is registered. */
  on(event: 'render', fn: (render: SlotRender) => void): void;
  /** Fills the slots `<div data-pulse-slot="ID">` with this id (or only `element`), for content a single-page app added. */
  slot(id: string, element?: HTMLElement): void;
}

/**
 * What the script tag's lazy chunks read from `window.pulse.state()`, an internal hook of p.js, not
 * public API: the tracker's options (site, endpoint), whether the visitor may be tracked now
 * (consent.ts), and its store, where the visitor and session ids are (read them with session.ts).
 * `state` starts with no _, so terser keeps the name in p.js and in each chunk alike.
 */
export type TrackerState = [options: Options, consent: boolean, store: Store];

/** The tracker p.js installs as window.pulse: the public methods and the chunks' hook. */
export type ScriptTracker = Tracker & { state(): TrackerState };

/** How often queued events are sent. */
export const flushMs = 4000;
/** The longest event name the collector accepts, typed as @pulse/wire's so the two cannot drift. */
const maxName: (typeof wireLimits)['nameLength'] = 100;
// The collector's rule for user ids (an email address is fine): 1-128 characters, none of them control characters.
const validId = /^[^\0-\x1f\x7f]{1,128}$/;
// The limits written out in this file's comments (Props, identify) and in validId: this type fails
// to check when @pulse/wire's differ, so they are corrected instead of drifting.
type Agrees<T extends true> = T;
type WrittenLimits = Agrees<
  Pick<typeof wireLimits, 'userIdLength' | 'objectKeys' | 'depth' | 'stringLength' | 'objectBytes'> extends
    { userIdLength: 128; objectKeys: 50; depth: 4; stringLength: 1024; objectBytes: 16_384 } ? true : false
>;

export function createTracker(options: Options, now: () => number = Date.now): Tracker {
  const { site } = options;
  const hash = options.hash == 'on';
  const store = createStore();
  const queue = createQueue('pulse-' + site);
  const log = options.debug != null && options.debug != 'off' ? console.log.bind(console, '[pulse]') : () => {};
  const collector = collectorUrl(options);
  // p.js imports its chunks from the collector; npm users' bundlers split off the one module the npm build has.
  const chunk = (name: string): Promise<unknown> =>
    __NPM__ ? (name == 'site' ? import('./site/start').then((module) => module.startSite(tracker as ScriptTracker)) : Promise.resolve()) : import(/* @vite-ignore */ `${collector}/p-${name}.js`);
  const sender = createSender(site, collector + '/v1/events', queue, now, log, loadChunks(chunk));
  // Only the first event of a fresh page load may start a session for its campaign or referrer; a
  // reload or back/forward (the deprecated but universal navigation.type: 1, 2) is no new arrival.
  let arrival: Arrival | null = performance.navigation?.type ? null : { url: location.href, referrer: document.referrer };
  let consent = initialConsent(store.get('c'), options, navigator);
  let lastPage: string | undefined;
  let path: string | undefined;
  // Visitor, session, user, first touch.
  const forget = () => [...'vsuf'].forEach(store.del);

  function send(type: string, props?: Props, name?: string, traits?: Props): void {
    if (!consent) return;
    const ts = now();
    const context = pageContext();
    const id = uuidv7(ts);
    let visitor = store.get('v');
    // A new visitor: where they came from is their first touch.
    if (!visitor) store.set('v', (visitor = uuidv7(ts))), store.set('f', JSON.stringify({ ...context, ts }));
    const event = {
      id,
      type,
      name,
      ts,
      visitor_id: visitor,
      session_id: touchSession(store, ts, timeoutMs(options), arrival),
      user_id: store.get('u') || undefined,
      props,
      traits,
      context,
    };
    arrival = null;
    log(event);
    void queue._add([id, JSON.stringify(event), ts]);
  }

  // Hidden or closing: the visible time of the page is reported, then this tab's unsent events
  // are handed to sendBeacon. Chrome may fire pagehide first, while the page still counts as
  // visible: that beacon carries the events so far, the engaged time follows with the hiding.
  const beacon = () => attempt(sender._beacon);
  const reportEngagement = watchEngagement(now, (ms) => attempt(() => send('track', { engaged_ms: ms, path }, 'engagement')), beacon);

  const tracker: Tracker = {
    track: (name, props) => send('track', props, String(name).slice(0, maxName)),
    page(props) {
      if (lastPage) reportEngagement();
      lastPage = pageKey(hash);
      path = location.pathname;
      send('page', props);
    },
    identify(userId, traits) {
      // The collector would refuse every later event that carried a malformed id.
      if (consent && validId.test(userId)) store.set('u', userId), send('identify', undefined, undefined, traits);
    },
    consent(yes) {
      // The choice itself is stored either way: a refusal forgotten on the next page is no refusal.
      store.set('c', yes ? '1' : '0');
      if (!yes) void queue._clear(), forget();
      if (yes != consent) {
        consent = yes;
        queue._open(yes);
        // The page the visitor consented on is counted now.
        if (yes) (lastPage = ''), autoPage(), tick();
      }
    },
    reset: forget,
    // Without consent the queue is empty and closed: flushing and beacons find nothing to send.
    flush: () => sender._flush(true) as Promise<void>,
    // The lazy chunks' hook (TrackerState), left out of the Tracker type: not for sites to call.
    state: (): TrackerState => [options, consent, store],
  } as ScriptTracker;
  // Only npm users read it: p.js leaves it out.
  if (__NPM__) tracker.firstTouch = () => firstTouchOf(attempt(() => JSON.parse(store.get('f')!)));

  // Personalization's methods load its chunk, which puts its own in their place; a chunk that fails to load answers null.
  for (const key of ['profile', 'on', 'slot'] as const) tracker[key] = ((...args: []) => chunk('site').then(() => (tracker[key] as Function)(...args), () => null)) as never;

  // Nothing the page calls may see an error from the tracker (flush() cannot throw: it always returns its promise).
  for (const key in tracker) {
    const method = tracker[key as keyof Tracker] as (...args: unknown[]) => unknown;
    (tracker as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => attempt(() => method(...args));
  }

  const tick = () => sender._flush();
  const autoPage = () => pageKey(hash) != lastPage && tracker.page();

  queue._open(consent);
  if (options.spa != 'off') watchNavigation(autoPage, hash);
  addEventListener('pagehide', beacon);
  addEventListener('online', () => sender._flush(true));
  setInterval(tick, flushMs);
  autoPage();
  tick();
  return tracker;
}
