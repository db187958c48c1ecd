// Tracker options: named and valued as the script tag's data- attributes, so one table documents both.

/**
 * What a site sets when it starts the tracker. In a script tag each option is a data- attribute:
 * `sessionTimeout` is `data-session-timeout`, `consent: 'required'` is `data-consent="required"`.
 */
export interface Options {
  /** The key the collector knows the site by. */
  site: string;
  /** The collector's origin. The script tag defaults to its own origin, the npm package to the page's. */
  endpoint?: string;
  /** 'required': store and send nothing until consent(true). */
  consent?: 'required';
  /** 'off': count only page loads, not SPA navigations (pushState, replaceState, popstate). */
  spa?: 'on' | 'off';
  /** 'on': count hash changes as pageviews too. */
  hash?: 'on' | 'off';
  /** 'on' (in a tag, the bare attribute data-debug): log events and the collector's answers to the console. */
  debug?: 'on' | 'off' | '';
  /** Minutes without activity after which a new session starts. Default 30. */
  sessionTimeout?: number | string;
  /** 'off': do not treat Global Privacy Control and Do Not Track as a refusal. */
  respectDnt?: 'on' | 'off';
}

/**
 * The collector's origin, without a trailing slash: batches go to its /v1/events, lazy chunks come
 * from it. Only npm users may leave it out (the page's origin): a script tag always has one.
 */
export const collectorUrl = (options: Options) => (__NPM__ ? options.endpoint || location.origin : options.endpoint!).replace(/\/+$/, '');

/** The session timeout in ms; no number of minutes (or 0) means the default, 30 (unary + reads a missing one as NaN). */
export const timeoutMs = (options: Options) => (+options.sessionTimeout! || 30) * 60_000;

/** Options of a script tag: its data- attributes, with the endpoint defaulting to the script's own origin. */
export function optionsFromScript(script: HTMLScriptElement): Options {
  return { ...script.dataset, endpoint: script.dataset.endpoint || new URL(script.src).origin } as unknown as Options;
}
