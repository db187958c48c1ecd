// The p-callback.js bundle's entry: the call-tracking chunk loads it when the collector offers the widget, then hands it the widget and the visit.
import { offerCallback } from './widget';

// A plain global, not a property of window.pulse: each bundle mangles _-prefixed property names its own way.
(window as unknown as { pulseCallback: typeof offerCallback }).pulseCallback = offerCallback;
