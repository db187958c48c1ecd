// Moves queued events to the collector: one tab at a time, every few seconds, retrying failures with backoff.
import type { Queue } from './queue';
import { backoff, batches, envelope, post, retryable } from './transport';

// Members starting with _ are private to the SDK: the script-tag build mangles their names.
export interface Sender {
  /** Sends what is queued, after the runs already started; `force` skips the wait of a backoff (an explicit flush(), the browser back online). */
  _flush(force?: boolean): Promise<unknown>;
  /** The page is being hidden or closed: hands this tab's unsent events to sendBeacon, without waiting for anything. */
  _beacon(): void;
}

/**
 * Tabs of one site share the queue, so a run holds a Web Lock named after the site from reading
 * the queue until the events it sent are removed: two tabs never send the same events at once,
 * and a crashed tab's lock is released by the browser. A tab that finds the lock taken skips its
 * turn. Without Web Locks (Safari before 15.4) tabs may overlap; the collector's dedup by event
 * id still stores each event once. Each 200 answer's text goes to `answered`.
 */
export function createSender(
  site: string,
  url: string,
  queue: Queue,
  now: () => number,
  log: (...what: unknown[]) => void,
  answered: (answer: string) => void,
): Sender {
  let failures = 0;
  let notBefore = 0;
  let running: Promise<unknown> = Promise.resolve();

  async function run(force?: boolean): Promise<void> {
    if (!force && now() < notBefore) return;
    const todo = batches(site, await queue._read(now()), now());
    for (let batch; (batch = todo.shift()); ) {
      const [status, answer] = await post(url, envelope(site, batch, now()), log);
      if (status == 200) answered(answer!);
      if (retryable(status)) return void (notBefore = now() + backoff(++failures));
      const half = batch.length >> 1;
      // 413: the collector takes smaller bodies than this one; halves are retried (a single event too large is dropped).
      if (status == 413 && half) todo.unshift(batch.slice(0, half), batch.slice(half));
      else await queue._remove(batch);
    }
    failures = 0;
  }

  const sender: Sender = {
    _flush: (force) =>
      (running = running.then(() => navigator.locks?.request('pulse-' + site, { ifAvailable: true }, (lock) => lock && run(force)) ?? run(force)).catch(log)),
    _beacon() {
      // Without sendBeacon, fetch with keepalive is the next best thing.
      if (__NPM__ && !navigator.sendBeacon) return void sender._flush(true);
      // A beacon has no answer, and one sent as the page navigates away can be dropped with it: its
      // events stay queued until a run's answer confirms them (the next page, or the next visit
      // sends them again, and the collector stores an id once).
      for (const batch of batches(site, queue._pending(), now())) navigator.sendBeacon(url, envelope(site, batch, now()));
    },
  };
  return sender;
}
