// The rules a site's profiles follow: scoring and the three groups, each with its documented defaults.
import { defaultScoring, type ScoringRules } from '../score/score.js';
import { defaultLifecycle, type LifecycleRules } from './lifecycle.js';

export interface ProfileRules {
  scoring: ScoringRules;
  lifecycle: LifecycleRules;
}

export const defaultProfileRules: ProfileRules = { scoring: defaultScoring, lifecycle: defaultLifecycle };
