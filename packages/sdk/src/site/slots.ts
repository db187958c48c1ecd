// The page's slots (<div data-pulse-slot="ID">): filled with the chosen variant without shifting the layout, their views and clicks recorded, reloaded when the placement says.
import type { ConfigPlacement, ConfigVariant, slotEvents } from '@pulse/wire/personalization';
import type { Props } from '../tracker';
import { visible } from '../engagement';
import type { SlotRender } from './api';
import { renderContent } from './render';
import { attempt } from '../storage';

/** The slot events, typed as @pulse/wire's. */
const viewEvent: (typeof slotEvents)['view'] = 'slot_view';
const clickEvent: (typeof slotEvents)['click'] = 'slot_click';

/** What is decided for a slot: its placement (absent when the site has none by that id) and the variant to show (none: the slot's own markup). */
export type Decision = { placement?: ConfigPlacement; variant?: ConfigVariant };

/** A slot on the page: what it shows now, its own markup to restore, and whether it was seen. */
interface Slot {
  id: string;
  variant?: number;
  own: Node[];
  seen?: boolean;
  inView?: boolean;
  reload?: ReturnType<typeof setInterval>;
}

export interface Slots {
  /** Shows the decided variant in `element`; `again` renders it anew even when it is shown already (auto_reload). */
  fill(element: HTMLElement, again?: boolean): void;
}

/**
 * The slots of a page. `decide` answers what a slot id shows, or undefined while that cannot be
 * known yet (no config or profile): the slot then keeps its markup, hidden by the site's CSS for at
 * most a second. Provider variants go to `renderers`; none registered, the slot waits for one.
 */
export function createSlots(decide: (id: string) => Decision | undefined, track: (name: string, props: Props) => void, renderers: ((render: SlotRender) => void)[]): Slots {
  const slots = new Map<Element, Slot>();
  const props = (slot: Slot) => ({ slot: slot.id, variant: slot.variant });
  const view = (slot: Slot) => slot.inView && slot.variant && !slot.seen && ((slot.seen = true), track(viewEvent, props(slot)));
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const slot = slots.get(entry.target)!;
        slot.inView = entry.intersectionRatio >= 0.5;
        view(slot);
      }
    },
    { threshold: 0.5 },
  );
  document.addEventListener(
    'click',
    (event) => {
      const slot = slots.get((event.target as Element).closest?.('[data-pulse-slot]')!);
      if (slot?.variant) track(clickEvent, props(slot));
    },
    true,
  );

  function fill(element: HTMLElement, again?: boolean): void {
    const id = element.dataset.pulseSlot!;
    const decision = decide(id);
    if (!decision) return;
    const { placement, variant } = decision;
    let slot = slots.get(element);
    if (!slot) slots.set(element, (slot = { id, own: [...element.childNodes] }));
    // Decided before and unchanged: a reload renders a variant anew, a slot's own markup stays as it is.
    if (element.hasAttribute('data-pulse-filled') && variant?.id === slot.variant && !(again && variant)) return;
    const content = variant?.content;
    // A provider block waits for the site's renderer.
    if (content?.kind == 'provider' && !renderers.length) return;
    if (variant || slot.variant) {
      // The slot keeps the height it has while its content is replaced: nothing below it moves.
      element.style.minHeight = element.offsetHeight + 'px';
      if (!content) element.replaceChildren(...slot.own);
      else if (content.kind == 'content') element.replaceChildren(renderContent(content));
      else {
        element.replaceChildren();
        // A renderer that throws loses its own slot, not the others.
        for (const render of renderers) attempt(() => render({ element, slot: id, variant: variant!.id, provider: content.provider, params: content.params }));
      }
    }
    slot.variant = variant?.id;
    slot.seen = false;
    // Filled (with a variant's id, or '' when the slot keeps its own markup): the site's CSS shows it.
    element.setAttribute('data-pulse-filled', variant ? String(variant.id) : '');
    observer.observe(element);
    view(slot);
    const seconds = placement?.auto_reload;
    if (seconds && !slot.reload) slot.reload = setInterval(() => (element.isConnected ? slot!.inView && visible() && fill(element, true) : clearInterval(slot!.reload)), seconds * 1000);
  }
  return { fill };
}
