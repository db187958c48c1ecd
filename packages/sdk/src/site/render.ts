// A content variant as elements: text as text, links and images only when they are http(s) or a path on this site, so a variant cannot run script.
import type { VariantContent } from '@pulse/wire/personalization';
import { attempt } from '../storage';

type Content = Extract<VariantContent, { kind: 'content' }>;

/**
 * The URL to put in an href or a src, or undefined: an absolute http(s) URL, or a path that stays on
 * this page's origin (a browser reads "/\evil.example" as another host: that is refused too).
 */
export function safeUrl(url: string | undefined, base = location.href): string | undefined {
  if (url) return attempt(() => {
    const parsed = new URL(url, base);
    if (/^https?:$/.test(parsed.protocol) && (/^https?:\/\//i.test(url) || parsed.origin == new URL(base).origin)) return parsed.href;
  });
}

/** An element of the slot's markup: `tag` with the class pulse-slot__`part`, and its text when given. */
function part(tag: string, name: string, text?: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = 'pulse-slot__' + name;
  if (text) element.textContent = text;
  return element;
}

/**
 * Builds the content's markup: an image, a title, a text and a call to action, all inside a link
 * (`a.pulse-slot__link`) when the content has one. Only createElement, textContent and attributes:
 * no HTML is ever parsed.
 */
export function renderContent(content: Content): HTMLElement | DocumentFragment {
  const link = safeUrl(content.link);
  const box = link ? part('a', 'link') : document.createDocumentFragment();
  if (link) (box as HTMLElement).setAttribute('href', link);
  const image = safeUrl(content.image);
  if (image) {
    const img = box.appendChild(part('img', 'image'));
    img.setAttribute('src', image);
    img.setAttribute('alt', content.alt || '');
  }
  if (content.title) box.appendChild(part('strong', 'title', content.title));
  if (content.text) box.appendChild(part('span', 'text', content.text));
  if (content.cta && link) box.appendChild(part('span', 'cta', content.cta));
  return box;
}
