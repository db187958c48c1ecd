// The sessions an admin opened with a wizard token: their pages are told to load the picker until the token expires.
import { checkWizardToken } from './wizard-token.js';

export interface WizardSessions {
  /** Opens the session when `token` is a live token of `site`. */
  open(site: string, sessionId: string, token: string, secret: string | undefined, now: number): void;
  isOpen(sessionId: string, now: number): boolean;
}

const ofStore = new WeakMap<object, WizardSessions>();

/** The wizard sessions of the collector reading through this store. */
export const wizardSessionsOf = (store: object): WizardSessions => ofStore.get(store) ?? (ofStore.set(store, wizardSessions()), ofStore.get(store)!);

/** Kept in memory: a restart asks the admin to open the site from the stats page again. */
function wizardSessions(max = 1_000): WizardSessions {
  const open = new Map<string, number>();
  return {
    open(site, sessionId, token, secret, now) {
      const claim = checkWizardToken(secret, token, now);
      if (claim?.site !== site) return;
      open.set(sessionId, claim.expiresAt);
      // Only admins with a signed token get here, but bounded all the same.
      if (open.size > max) open.delete(open.keys().next().value!);
    },
    isOpen(sessionId, now) {
      const until = open.get(sessionId);
      if (until !== undefined && until <= now) open.delete(sessionId);
      return until !== undefined && until > now;
    },
  };
}
