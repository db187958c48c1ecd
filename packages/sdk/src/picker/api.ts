// The collector's wizard endpoints as the picker calls them: the site's rules with their firings, and saving one, both under the wizard token.
import type { ConfigRule, EventRuleInput } from '@pulse/wire/personalization';

/** A saved rule as the wizard lists it, with how often it fired in the last 7 days. */
export type WizardRule = ConfigRule & { fires_7d: number };
/** A rule to save; with a saved rule's id, it becomes that rule's next version. */
export type RuleDraft = EventRuleInput & { id?: number };
/** A refusal: the collector's status and message, and the field it names (`props` of `props[0].from`); no status when it could not be reached. */
export type WizardError = Error & { status?: number; field?: string };

export function wizardApi(collector: string, token: string) {
  const call = async (init?: RequestInit) => {
    const answer = await fetch(`${collector}/v1/wizard/rules`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const body = await answer.json().catch(() => ({}));
    if (!answer.ok) throw Object.assign(new Error(body.error || `Pulse answered ${answer.status}.`), { status: answer.status, field: String(body.field || '').split(/[.[]/)[0] });
    return body;
  };
  return {
    /** The site's rules, each at its latest version. */
    rules: async (): Promise<WizardRule[]> => (await call()).rules,
    save: (rule: RuleDraft): Promise<{ id: number; version: number }> => call({ method: 'POST', body: JSON.stringify(rule) }),
  };
}

export type WizardApi = ReturnType<typeof wizardApi>;
