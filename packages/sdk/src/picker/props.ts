// The props the picker offers for a rule: taken from the picked element (data- attributes, text, href, value) or a form's named fields, never from a password or payment card field (the test p-site.js reads props by).
import type { PropSource } from '@pulse/wire/personalization';
import { isSensitive, textOf } from '../site/props';

/** A prop the admin may tick: its source as the rule saves it, and what it holds on this page, to show. */
export type PropOffer = PropSource & { sample: string };

/** A prop's name from where it comes from, as the wire accepts it (a letter, then letters, digits or _): data-product-id → product_id. */
const propName = (from: string) => from.replace(/^(data-|field:)/, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^[^A-Za-z]+/, '').slice(0, 64) || 'value';

const offer = (from: string, sample: string): PropOffer => ({ name: propName(from), from, sample });

/** What a click rule on this element can record: its data- attributes, its text, its href and its value; nothing of a secret field. */
export function elementProps(node: Element): PropOffer[] {
  if (isSensitive(node)) return [];
  const offers = [...node.attributes].filter(({ name }) => /^data-[a-z0-9-]{1,60}$/.test(name) && !name.startsWith('data-pulse')).map(({ name, value }) => offer(name, value));
  const text = textOf(node);
  if (text) offers.push(offer('text', text));
  if (node.hasAttribute('href')) offers.push(offer('href', node.getAttribute('href')!));
  if ('value' in node && /^(input|select|textarea|button)$/.test(node.localName) && (node as HTMLInputElement).value) offers.push(offer('value', (node as HTMLInputElement).value));
  return offers;
}

/** What a submit rule on this form can record: each named field once (a radio group is one), never a secret one, never a button. */
export function formProps(form: HTMLFormElement): PropOffer[] {
  const named = new Map<string, PropOffer>();
  for (const field of form.elements as unknown as HTMLInputElement[]) {
    const from = `field:${field.name}`;
    if (/^field:[A-Za-z0-9_.[\]-]{1,64}$/.test(from) && !/^(submit|button|reset|image|file)$/.test(field.type) && field.localName !== 'fieldset' && !isSensitive(field)) {
      named.set(field.name, offer(from, field.type));
    }
  }
  return [...named.values()];
}
