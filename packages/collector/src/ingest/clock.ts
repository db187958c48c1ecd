// Turns a client's timestamp into the event's time, trusting the client's clock only within reason.

/** How far ahead of the server an event may claim to be (clock jitter), in ms. */
export const maxFutureMs = 60_000;
/** How old an event may be: past this, its time is unbelievable, not late. */
export const maxAgeMs = 31 * 24 * 3600_000;

/**
 * The event's time. With the batch's sent_at the client's clock skew is removed first (a phone
 * set an hour wrong still lands its events at the right time), as Segment's sentAt does. A time
 * in the future or older than maxAgeMs is absurd and replaced by the time the server received it.
 */
export function eventTime(clientTs: number, receivedAt: number, sentAt?: number): number {
  const ts = sentAt === undefined ? clientTs : clientTs + (receivedAt - sentAt);
  if (ts > receivedAt + maxFutureMs || ts < receivedAt - maxAgeMs) return receivedAt;
  return Math.min(ts, receivedAt);
}
