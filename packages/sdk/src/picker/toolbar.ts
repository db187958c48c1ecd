// The picker's toolbar: fixed at the bottom of the viewport in a shadow root of its own, with its modes (browse, click, form submit, this page), the page's clicks taken while picking, and a panel with the site's rules or the rule being made.
import { element } from '../element';
import type { WizardApi, WizardError, WizardRule } from './api';
import { textOf } from '../site/props';
import { createOverlay } from './overlay';
import { elementProps, formProps } from './props';
import { ruleForm, type Draft } from './rule-form';
import { ruleList } from './rule-list';
import { proposeSelector } from './selector';
import { pickerCss } from './style';
import { forgetToken } from './token';

type Mode = 'browse' | Draft['on'];
const modes: [Mode, string][] = [
  ['browse', 'Browse'],
  ['click', 'Click'],
  ['submit', 'Form submit'],
  ['page', "This page's URL"],
];
const hints: Partial<Record<Mode, string>> = {
  click: 'Click or tap the button or link to track. The page will not react while you pick.',
  submit: 'Click any part of the form whose submits to track.',
};
/** What a click picks: the control the visitor meant, not the icon or the span inside it. */
const controls = 'a,button,input,select,textarea,label,summary,[role=button],[role=link],[onclick]';

/**
 * Opens the toolbar once the token proved good (the site's rules came back): a token the
 * collector refuses shows only why, and nothing that could save.
 */
export function openToolbar(api: WizardApi): void {
  const host = element('div', { 'data-pulse-picker': '' });
  const root = host.attachShadow({ mode: 'open' });
  const overlay = createOverlay(root);
  const panel = element('div', { class: 'panel', hidden: '' });
  const bar = element('div', { class: 'bar', role: 'toolbar', 'aria-label': 'Pulse event picker' });
  const dock = element('div', { class: 'dock' });
  const close = element('button', { type: 'button', class: 'close', 'aria-label': 'Close the event picker' }, '×');
  const note = element('span', { class: 'note', role: 'status' }, 'Connecting to Pulse…');
  bar.append(element('span', { class: 'brand' }, 'Pulse'), note, close);
  dock.append(panel, bar);
  root.append(element('style', {}, pickerCss), dock);
  document.documentElement.append(host);

  let mode: Mode = 'browse';
  let rules: WizardRule[] = [];
  /** The saved rule being changed: an element picked for it keeps its id and name, so saving makes its next version. */
  let changing: Draft | undefined;
  const rulesButton = element('button', { type: 'button', class: 'rules-button', 'aria-expanded': 'false' });
  const modeButtons = modes.map(([value, label]) => element('button', { type: 'button', value, 'aria-pressed': 'false' }, label));

  /** Shows what `build` makes in the panel (nothing: closes it), the last outlines cleared first so that it may draw its own. */
  const show = (build?: () => HTMLElement) => {
    overlay.outline([]);
    const content = build?.();
    panel.replaceChildren(...(content ? [content] : []));
    panel.hidden = !content;
    rulesButton.setAttribute('aria-expanded', String(content?.className === 'rules'));
  };
  const setMode = (next: Mode, draft?: Draft) => {
    mode = next;
    changing = draft;
    for (const button of modeButtons) button.setAttribute('aria-pressed', String(button.value === next));
    overlay.hover(null);
    if (draft || next === 'page') edit(draft || { on: 'page' });
    else show(hints[next] ? () => element('p', { class: 'hint' }, hints[next]) : undefined);
  };
  const edit = (draft: Draft) => show(() => ruleForm(draft, api, overlay.outline, () => void refresh().catch(() => {})));
  const listRules = () => show(() => ruleList(rules, (rule) => setMode(rule.on, { ...rule, useText: !!rule.text, props: rule.props.map((prop) => ({ ...prop, sample: '' })), ticked: rule.props.map((prop) => prop.from) })));
  const refresh = async () => {
    rules = await api.rules();
    rulesButton.textContent = `Rules ${rules.length}`;
  };

  /** The element a page event is about in the current mode: the control clicked, the form; none outside picking or inside the picker. */
  const target = (event: Event): Element | null => {
    const node = event.target as Element;
    if (node === host || !node.closest) return null;
    return mode === 'click' ? node.closest(controls) || node : mode === 'submit' ? node.closest('form') : null;
  };
  const picking = () => mode === 'click' || mode === 'submit';
  const pick = (node: Element) => {
    const props = mode === 'submit' ? formProps(node as HTMLFormElement) : elementProps(node);
    const selector = proposeSelector(node);
    edit({
      on: mode as Draft['on'],
      id: changing?.id,
      name: changing?.name,
      selector,
      text: mode === 'click' ? textOf(node).slice(0, 100) : '',
      props,
      // Ticked at first: the element's data- attributes (a product's id, say), but not test ids or the one the selector names already.
      ticked: props.map((prop) => prop.from).filter((from) => from.startsWith('data-') && !/-(test|cy|qa)/.test(from) && !selector.includes(from)),
    });
  };
  const listeners: [string, (event: Event) => void][] = [
    ['mouseover', (event) => picking() && overlay.hover(target(event))],
    [
      'click',
      (event) => {
        if (!picking() || event.target === host) return;
        // Captured before the page sees it: the link does not navigate, the button does not act.
        event.preventDefault();
        event.stopImmediatePropagation();
        const picked = target(event);
        if (picked) pick(picked);
      },
    ],
    ['submit', (event) => picking() && event.preventDefault()],
    ['keydown', (event) => (event as KeyboardEvent).key === 'Escape' && setMode('browse')],
  ];

  close.onclick = () => {
    for (const [type, listener] of listeners) removeEventListener(type, listener, true);
    overlay.stop();
    host.remove();
    forgetToken();
  };
  refresh().then(
    () => {
      const group = element('div', { class: 'modes', role: 'group', 'aria-label': 'What to track' });
      group.append(...modeButtons);
      for (const button of modeButtons) button.onclick = () => setMode(button.value as Mode);
      rulesButton.onclick = () => (rulesButton.getAttribute('aria-expanded') === 'true' ? show() : listRules());
      note.replaceWith(group, rulesButton);
      for (const [type, listener] of listeners) addEventListener(type, listener, true);
      setMode('browse');
    },
    (error: WizardError) => {
      note.textContent =
        error.status === 401 ? 'This wizard link has expired or is not valid. Open your site again from the Events page in Pulse.' : 'Pulse could not be reached. Reload the page to try again.';
      note.setAttribute('role', 'alert');
    },
  );
}
