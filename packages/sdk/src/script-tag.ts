// The script-tag build (p.js): options from the tag's data- attributes, calls queued by the stub replayed in order, window.pulse installed.
import { optionsFromScript } from './config';
import { createTracker, type Tracker } from './tracker';

type Stub = { q?: [method: keyof Tracker, args: unknown[]][] };

const script = document.currentScript as HTMLScriptElement | null;
const host = window as unknown as { pulse?: Stub & Partial<Tracker> };
const stub = host.pulse;

// A page that loads p.js twice keeps one tracker: a live tracker has no stub queue.
if (script?.dataset.site && !(stub?.track && !stub.q)) {
  try {
    const tracker = createTracker(optionsFromScript(script));
    host.pulse = tracker;
    for (const [method, args] of stub?.q || []) (tracker[method] as (...args: unknown[]) => void)?.(...args);
  } catch {
    // Never into the host page.
  }
}
