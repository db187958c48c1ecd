// The picker's list of the site's rules: each with its event, how often it fired in 7 days and what it matches on this page, so a rule a redesign broke shows at once; any can be changed.
import { element } from '../element';
import type { WizardRule } from './api';
import { matchingElements } from './matches';
import { matchesUrl } from '../site/url-rule';

/** What a rule matches here: its elements on this page, or whether this page is one of its pages. */
function matchesHere(rule: WizardRule): [label: string, some: boolean] {
  if (rule.on === 'page') return matchesUrl(rule.url!) ? ['this page', true] : ['not this page', false];
  const found = matchingElements(rule.selector!, rule.text)?.length || 0;
  return [`${found} on this page`, found > 0];
}

export function ruleList(rules: WizardRule[], change: (rule: WizardRule) => void): HTMLElement {
  const list = element('div', { class: 'rules' });
  list.append(element('h3', {}, 'Event rules'));
  if (!rules.length) list.append(element('p', { class: 'muted' }, "No rules yet. Choose Click, Form submit or This page's URL, then save an event."));
  for (const rule of rules) {
    const [here, some] = matchesHere(rule);
    const edit = element('button', { type: 'button', class: 'ghost', 'aria-label': `Change ${rule.name}` }, 'Change');
    edit.onclick = () => change(rule);
    const row = element('div', { class: 'rule-row' });
    const about = element('div');
    about.append(element('b', {}, rule.name), element('small', {}, `${rule.on} · fired ${rule.fires_7d}× in 7 days · v${rule.version}`));
    row.append(about, element('span', { class: some ? 'pill' : 'pill zero' }, here), edit);
    list.append(row);
  }
  return list;
}
