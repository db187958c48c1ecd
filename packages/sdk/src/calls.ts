// The call-tracking chunk (p-calls.js), loaded by p.js for sites with number pools: the session's own numbers shown in place of the site's, once the visitor may be tracked.
import { visible } from './engagement';
import { collectorUrl } from './config';
import { askNumbers, keepNumbers, keptNumbers, type NumbersAnswer, type Visit } from './numbers';
import { storedSession } from './session';
import { attempt } from './storage';
import { createSwapper, watchPage } from './swap';
import type { ScriptTracker } from './tracker';
import { shownKey } from './callback/shown';
import type { offerCallback } from './callback/widget';

/** Without a renew_s from the collector (it could not answer), the next try is in a minute. */
const retrySeconds = 60;

const tracker = (window as unknown as { pulse?: ScriptTracker & { swapNumbers?(): void } }).pulse;

// Only beside p.js's tracker (an older p.js has no state()), and once a page.
if (tracker?.state && !tracker.swapNumbers) {
  /** The visit as the tracker knows it now, if the visitor may be tracked. */
  const visit = (): Visit | undefined =>
    attempt(() => {
      const [options, consent, store] = tracker.state();
      if (consent) return { site: options.site, endpoint: collectorUrl(options), visitor_id: store.get('v'), session_id: storedSession(store)?.i };
    });
  attempt(() => {
    const swapper = createSwapper();
    // Set while the visitor may be tracked and numbers are shown.
    let observer: MutationObserver | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let every = retrySeconds;
    // A renewal that fell due while the page was hidden waits until it is seen again.
    let due = false;

    // The widget's chunk (p-callback.js) loads the first time an answer offers it, unless this session was offered it already.
    let offered = false;
    const offer = (now: Visit, answer: NumbersAnswer) =>
      answer.callback && !offered && !sessionStorage[shownKey(now.session_id)] && (offered = true) &&
      import(/* @vite-ignore */ `${now.endpoint}/p-callback.js`)
        .then(() => (window as unknown as { pulseCallback: typeof offerCallback }).pulseCallback(answer.callback!, now))
        .catch(() => {});

    async function renew(): Promise<void> {
      const now = visit();
      if (!observer || !now) return;
      const answer = await askNumbers(now).catch(() => undefined);
      // Consent was withdrawn while the collector answered.
      if (!observer) return;
      attempt(() => {
        if (answer !== undefined) keepNumbers(now.session_id, answer);
        if (answer) swapper.show(answer.numbers), (every = answer.renew_s || retrySeconds), offer(now, answer);
        // A refusal (4xx) stands for this page; anything else is asked again.
        clearTimeout(timer);
        if (answer !== null) timer = setTimeout(() => (visible() ? void renew() : (due = true)), every * 1000);
      });
    }

    function start(): void {
      const now = visit();
      if (observer || !now) return;
      // A later page of the session shows the numbers it was given at once, then renews them: the site's own never flashes.
      const kept = keptNumbers(now.session_id);
      if (kept) swapper.show(kept.numbers);
      observer = watchPage(swapper);
      void renew();
    }

    function stop(): void {
      observer?.disconnect();
      observer = undefined;
      clearTimeout(timer);
      keepNumbers(undefined, null);
    }

    document.addEventListener('visibilitychange', () => visible() && due && ((due = false), void renew()));
    const consent = tracker.consent;
    tracker.consent = (granted) => {
      consent(granted);
      attempt(() => (granted ? start() : stop()));
    };
    tracker.swapNumbers = () => attempt(() => observer && swapper.scan(document.documentElement));
    start();
  });
}
