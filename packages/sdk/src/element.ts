// Builds the DOM of the script tag's own UI (the callback widget, the event picker): attributes and text, never markup.

/** A new element with these attributes and, as text only (what a collector or a page holds is shown, never run), this text. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const name in attributes) node.setAttribute(name, attributes[name]!);
  if (text) node.textContent = text;
  return node;
}
