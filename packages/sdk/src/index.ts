// The npm entry: `import { init } from '@pulse/sdk'` starts a typed tracker for a site.
import type { Options } from './config';
import { createTracker, type Tracker } from './tracker';

export type { Options } from './config';
export type { Tracker, Props } from './tracker';
export type { FirstTouch } from './attribution';
export type { SlotRender, VisitorProfile } from './site/api';

const started: Record<string, Tracker> = {};

const inert: Tracker = {
  track() {},
  page() {},
  identify() {},
  consent() {},
  reset() {},
  flush: () => Promise.resolve(),
  firstTouch: () => null,
  profile: () => Promise.resolve(null),
  on() {},
  slot() {},
};

/**
 * Starts tracking `options.site` and returns its tracker. A second init() for the same site returns
 * the first tracker (React's strict mode runs effects twice); on a server, where there is no page
 * to track, it returns a tracker that does nothing.
 */
export function init(options: Options): Tracker {
  if (typeof window == 'undefined') return inert;
  return (started[options.site] ||= createTracker(options));
}
