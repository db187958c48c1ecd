// p-site.js, the personalization chunk p.js loads for sites with event rules or placements: it talks to p.js only through window.pulse.
import type { ScriptTracker } from '../tracker';
import { startSite } from './start';

const tracker = (window as unknown as { pulse?: ScriptTracker }).pulse;

// Only beside p.js's tracker (an older p.js has no state()).
if (tracker?.state) startSite(tracker);
