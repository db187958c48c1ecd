// The p-picker.js bundle's entry: p.js loads it in a wizard session; with the tab's wizard token it opens the toolbar, without one it does nothing.
import { collectorUrl } from '../config';
import type { ScriptTracker } from '../tracker';
import { wizardApi } from './api';
import { wizardToken } from './token';
import { openToolbar } from './toolbar';

const tracker = (window as unknown as { pulse?: ScriptTracker }).pulse;
const token = tracker?.state && wizardToken();
// A module runs once a page, however many of the collector's answers name it.
if (token) openToolbar(wizardApi(collectorUrl(tracker.state()[0]), token));
