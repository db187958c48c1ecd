// The personalization API's public types: written out for the npm package's declarations (@pulse/wire is private), checked against wire's so they cannot drift.
import type { VisitorProfile as WireProfile, VariantContent } from '@pulse/wire/personalization';

/** What the page may know of its visitor: exposed segment keys, group, cluster, score band and device class; nothing that names them. */
export interface VisitorProfile {
  /** Keys of the segments the visitor is in that the site's admin exposed to the browser. */
  segments: string[];
  group: 'new' | 'active' | 'passive';
  /** The visitor's cluster (0 to k-1), or null before the site's first fit. */
  cluster: number | null;
  score_band: 'cold' | 'warm' | 'hot';
  device: 'desktop' | 'tablet' | 'phone';
}

type Provider = Extract<VariantContent, { kind: 'provider' }>;

/** What a site's renderer, registered with `on('render', fn)`, gets for a slot whose variant is a provider block. */
export interface SlotRender {
  /** The slot's element, emptied, its height kept while the renderer fills it. */
  element: HTMLElement;
  /** The placement's id (the element's data-pulse-slot). */
  slot: string;
  /** The variant's id, as slot_view and slot_click events carry it. */
  variant: number;
  /** The renderer it is meant for, e.g. adfox. */
  provider: string;
  /** The provider block's parameters, as the admin saved them. */
  params: Record<string, unknown>;
}

type Agrees<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to check when wire's documents change, so these are corrected instead of drifting.
type ProfileAgrees = Agrees<Same<VisitorProfile, WireProfile>>;
type RenderAgrees = Agrees<Same<Pick<SlotRender, 'provider' | 'params'>, Omit<Provider, 'kind'>>>;
