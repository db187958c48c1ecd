// The site's event rules applied: clicks and form submits seen by one delegated listener each, page rules on every pageview.
import type { ConfigRule, ruleProp } from '@pulse/wire/personalization';
import type { Props } from '../tracker';
import { attempt } from '../storage';
import { propsOf, textOf } from './props';
import { matchesUrl } from './url-rule';

/** The prop each rule's event carries its rule's id in, typed as @pulse/wire's. */
const ruleKey: typeof ruleProp = '$rule';

type Track = (name: string, props: Props) => void;

/** Records `rule`'s event, props taken from `element`. */
const fire = (rule: ConfigRule, track: Track, element?: Element) => track(rule.name, { ...propsOf(rule.props, element), [ruleKey]: rule.id });

/** Whether the page is one the rule is for: every page when it names none. */
const onPage = (rule: ConfigRule) => !rule.url || matchesUrl(rule.url);

/**
 * Listens for the clicks and submits the rules (as `rules()` gives them then) name. Capture sees an
 * event before a site's own handlers can stop it; one listener each, however many rules, and rules
 * that change need no new listener. A selector the browser refuses only loses its own rule.
 */
export function watchRules(rules: () => ConfigRule[] | undefined, track: Track): void {
  document.addEventListener(
    'click',
    (event) => {
      for (const rule of rules() || []) {
        if (rule.on != 'click' || !onPage(rule)) continue;
        const element = attempt(() => (event.target as Element).closest(rule.selector!));
        if (element && (!rule.text || textOf(element).toLowerCase().includes(rule.text.toLowerCase()))) fire(rule, track, element);
      }
    },
    true,
  );
  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target as Element;
      for (const rule of rules() || []) if (rule.on == 'submit' && onPage(rule) && attempt(() => form.matches(rule.selector!))) fire(rule, track, form);
    },
    true,
  );
}

/** Records the events of the page rules the current page matches: called for each pageview. */
export function firePageRules(rules: ConfigRule[], track: Track): void {
  for (const rule of rules) if (rule.on == 'page' && onPage(rule)) fire(rule, track);
}
