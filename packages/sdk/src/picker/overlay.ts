// The picker's highlights: boxes drawn in its own shadow root over the element under the pointer and over every element a selector matches, so the page's elements are never restyled.
import { element } from '../element';

/** Boxes past this many would cost more than they tell: the match count says the rest. */
const maxBoxes = 200;

export function createOverlay(root: ShadowRoot) {
  const layer = element('div', { class: 'layer' });
  const hover = element('div', { class: 'hover' });
  let hovered: Element | null = null;
  let outlined: Element[] = [];
  let frame = 0;
  const box = (node: Element, className: string, into = element('div', { class: className })) => {
    const { left, top, width, height } = node.getBoundingClientRect();
    into.style.cssText = `left:${left}px;top:${top}px;width:${width}px;height:${height}px`;
    return into;
  };
  const draw = () => {
    layer.replaceChildren(...outlined.slice(0, maxBoxes).map((node) => box(node, 'match')));
    if (hovered) layer.append(box(hovered, 'hover', hover));
  };
  // Boxes follow the page as it scrolls (any scrolling element: capture) or resizes, once a frame.
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };
  addEventListener('scroll', redraw, true);
  addEventListener('resize', redraw);
  root.append(layer);
  return {
    hover(node: Element | null) {
      hovered = node;
      redraw();
    },
    outline(nodes: Element[]) {
      outlined = nodes;
      redraw();
    },
    stop() {
      removeEventListener('scroll', redraw, true);
      removeEventListener('resize', redraw);
      cancelAnimationFrame(frame);
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
