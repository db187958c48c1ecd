// One visit as the SDK in a browser tab records it: page views and events with their page's context, the time between them, each page's engaged time.
import type { WireContext, WireEvent } from '../ingest/schema.js';
import type { Device } from './devices.js';
import { uuidv7 } from './ids.js';
import type { Page } from './pages.js';
import { exponential, type Random } from './random.js';

export interface TabOwner {
  visitorId: string;
  sessionId: string;
  /** Set once the browser is identified: every later event carries it, as the SDK does. */
  userId: string | undefined;
  device: Device;
  language: string;
  timezone: string;
}

export interface Tab {
  readonly page: Page | undefined;
  readonly events: number;
  /** Opens a page after the time spent on the current one; the SDK sends a pageview. */
  open(page: Page, meanSeconds: number): void;
  track(name: string, props: Record<string, unknown>, meanSeconds?: number): void;
  identify(userId: string, traits: Record<string, unknown>, meanSeconds?: number): void;
  /** The time the current page was seen, which the SDK sends as the page is left or the tab hidden. */
  engaged(): void;
  /** The events, squeezed to end by `latest` if they ran past it, each with an id made for its time. */
  finish(latest: number): WireEvent[];
}

export function openTab(r: Random, owner: TabOwner, start: number, referrer: string): Tab {
  const events: WireEvent[] = [];
  let t = start;
  let page: Page | undefined;
  let openedAt = start;
  let context: WireContext | undefined;
  let nextReferrer = referrer;
  // At least a second between two things a person does, most a few seconds, some much longer.
  const pass = (meanSeconds: number) => (t += Math.round(1000 * (1 + exponential(r, meanSeconds))));

  function record(type: WireEvent['type'], name: string | undefined, props?: Record<string, unknown>, traits?: Record<string, unknown>): void {
    const event: WireEvent = { id: '', type, ts: t, visitor_id: owner.visitorId, session_id: owner.sessionId, context: context! };
    if (name !== undefined) event.name = name;
    if (owner.userId !== undefined) event.user_id = owner.userId;
    if (props) event.props = props;
    if (traits) event.traits = traits;
    events.push(event);
  }

  return {
    get page() {
      return page;
    },
    get events() {
      return events.length;
    },
    open(next, meanSeconds) {
      if (page) pass(meanSeconds);
      page = next;
      openedAt = t;
      // Every event of a page shares its context, as the SDK reads the same location and document for each.
      context = { url: next.url, title: next.title, referrer: nextReferrer, screen: owner.device.screen, language: owner.language, timezone: owner.timezone };
      nextReferrer = next.url;
      record('page', undefined);
    },
    track(name, props, meanSeconds = 6) {
      pass(meanSeconds);
      record('track', name, props);
    },
    identify(userId, traits, meanSeconds = 2) {
      pass(meanSeconds);
      owner.userId = userId;
      record('identify', undefined, undefined, traits);
    },
    engaged() {
      pass(1);
      // Part of the time on a page is spent in another tab or app, which the SDK does not count.
      record('track', 'engagement', { engaged_ms: Math.round((t - openedAt) * (0.6 + 0.4 * r())), path: page!.path });
    },
    finish(latest) {
      const last = events[events.length - 1]!.ts;
      const squeeze = last > latest ? Math.max(0, latest - start) / (last - start) : 1;
      for (const event of events) {
        if (squeeze < 1) event.ts = start + Math.floor((event.ts - start) * squeeze);
        event.id = uuidv7(event.ts, r);
      }
      return events;
    },
  };
}
