// The limits of the ingest wire format (POST /v1/events): the collector enforces them, the SDK stays within them.

/** Bounds on everything a client sends: anyone can post to the ingest endpoint. */
export const wireLimits = {
  /** Events in one batch. */
  eventsPerBatch: 500,
  /**
   * Bytes of one request body: sendBeacon's own limit (64 KiB), so a batch the SDK makes can always
   * be beaconed; the collector's default `maxBodyBytes`, which an operator may change.
   */
  bodyBytes: 65_536,
  /** Characters of a client-made id (visitor_id, session_id) and of a site key. */
  idLength: 64,
  /** Characters of user_id, the site's own customer id: often an email address, so any printable characters. */
  userIdLength: 128,
  /** Characters of an event name. */
  nameLength: 100,
  /** Characters of context.url and context.referrer. */
  urlLength: 2048,
  /** Characters of the other text of context: title, utm_* and click ids. */
  textLength: 300,
  /** Keys of one object in props or traits. */
  objectKeys: 50,
  /** Characters of one key in props or traits. */
  keyLength: 64,
  /** Levels of nesting in props or traits. */
  depth: 4,
  /** Characters of one string in props or traits. */
  stringLength: 1024,
  /** Items of one array in props or traits. */
  arrayItems: 100,
  /** Length of props, or of traits, as JSON text (16 KiB). */
  objectBytes: 16_384,
} as const;
