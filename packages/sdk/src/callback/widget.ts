// The callback widget (p-callback.js): "we'll call you back", offered once a session when the visit's own rules pass, accessible, themable by CSS variables.
import { widgetCss } from './style';
import { shownKey } from './shown';
import { pageContext } from '../context';
import { element } from '../element';
import type { Visit } from '../numbers';

/** What the collector sends of the widget once the visitor passed its rules (score, segments, product views). */
export interface WidgetConfig {
  title: string;
  text: string;
  button: string;
  min_seconds_on_page: number;
  exit_intent: boolean;
  on_phones: boolean;
}

const isPhone = () => matchMedia('(max-width: 640px) and (pointer: coarse)').matches;

/**
 * Offers the widget when the page's rules pass: after `min_seconds_on_page` from the page's
 * start, or sooner when a desktop visitor moves out through the top of the window (towards the
 * tabs or the address bar). Never twice in a session, and not on phones unless asked.
 */
export function offerCallback(config: WidgetConfig, visit: Visit): void {
  if (sessionStorage.getItem(shownKey(visit.session_id)) || (isPhone() && !config.on_phones)) return;
  let timer = 0;
  const show = () => {
    clearTimeout(timer);
    document.removeEventListener('mouseout', leaving);
    if (sessionStorage.getItem(shownKey(visit.session_id))) return;
    sessionStorage.setItem(shownKey(visit.session_id), '1');
    openDialog(config, visit);
  };
  const leaving = (event: MouseEvent) => {
    if (!event.relatedTarget && event.clientY <= 0) show();
  };
  timer = setTimeout(show, Math.max(0, config.min_seconds_on_page * 1000 - performance.now())) as unknown as number;
  if (config.exit_intent && !isPhone()) document.addEventListener('mouseout', leaving);
}

function field(form: HTMLFormElement, label: string, attributes: Record<string, string>): HTMLInputElement {
  const wrap = element('label', { class: attributes.type === 'checkbox' ? 'check' : 'field' });
  const input = element('input', attributes);
  if (attributes.type === 'checkbox') wrap.append(input, label);
  else wrap.append(label, input);
  form.append(wrap);
  return input;
}

/** The dialog in a shadow root of its own: the page's styles cannot break it, its CSS variables still theme it. */
function openDialog(config: WidgetConfig, visit: Visit): void {
  const host = element('div', { 'data-pulse-callback': '' });
  const root = host.attachShadow({ mode: 'open' });
  const before = document.activeElement as HTMLElement | null;
  const dialog = element('div', { class: 'box', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 't', 'aria-describedby': 'd' });
  const close = element('button', { type: 'button', class: 'x', 'aria-label': 'Close' }, '×');
  const form = element('form', { novalidate: '' });
  const status = element('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  dialog.append(close, element('h2', { id: 't' }, config.title), element('p', { id: 'd' }, config.text), form);
  const phone = field(form, 'Your phone', { type: 'tel', name: 'phone', autocomplete: 'tel', required: '', maxlength: '40' });
  const name = field(form, 'Your name (optional)', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '100' });
  const consent = field(form, 'Call me back, and keep my number for it', { type: 'checkbox', name: 'consent', required: '' });
  const submit = element('button', { type: 'submit' }, config.button);
  form.append(submit, status);
  root.append(element('style', {}, widgetCss), element('div', { class: 'shade' }), dialog);
  document.body.append(host);
  phone.focus();

  const dismiss = () => {
    host.remove();
    document.removeEventListener('keydown', keys, true);
    before?.focus?.();
  };
  // Focus stays inside the dialog: Tab from the last control goes to the first, Shift+Tab back.
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Escape') return dismiss();
    if (event.key !== 'Tab') return;
    const controls = [...dialog.querySelectorAll<HTMLElement>('button, input')];
    const at = controls.indexOf(root.activeElement as HTMLElement);
    const next = event.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === controls.length - 1 ? 0 : at + 1;
    event.preventDefault();
    controls[next]!.focus();
  };
  document.addEventListener('keydown', keys, true);
  close.onclick = dismiss;

  form.onsubmit = async (event) => {
    event.preventDefault();
    const problem = !/[0-9].*[0-9].*[0-9].*[0-9].*[0-9].*[0-9]/.test(phone.value) ? [phone, 'Please enter your phone number.'] as const
      : !consent.checked ? [consent, 'Please tick the box so that we may call you.'] as const
      : null;
    if (problem) {
      status.setAttribute('role', 'alert');
      status.textContent = problem[1];
      return problem[0].focus();
    }
    submit.disabled = true;
    // consent.checked, a boolean from the page: the minifier writes the literal true as 1, which the collector refuses.
    const body = { site: visit.site, visitor_id: visit.visitor_id, session_id: visit.session_id, phone: phone.value.trim(), consent: consent.checked, context: pageContext(), ...(name.value.trim() ? { name: name.value.trim() } : {}) };
    try {
      // Sent as text/plain, like events: no CORS preflight.
      const answer = await fetch(`${visit.endpoint}/v1/callbacks`, { method: 'POST', body: JSON.stringify(body) });
      const told = (await answer.json()) as { error?: string };
      if (!answer.ok) throw new Error(told.error);
      form.replaceChildren(element('p', { class: 'done', role: 'status' }, 'Thank you! We will call you shortly.'));
      close.focus();
    } catch (error) {
      submit.disabled = false;
      status.setAttribute('role', 'alert');
      status.textContent = (error as Error).message || 'Sending failed. Please try again.';
    }
  };
}
