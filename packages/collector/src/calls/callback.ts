// The callback widget's rules and its requests: when the page may offer "we'll call you back", and what a request event tells the site's webhooks.
import { z } from '@hono/zod-openapi';
import { sourceOf } from '../profiles/source.js';
import type { EventRow } from '../model/event.js';
import type { CallbackRequest } from '../model/webhook.js';

/** The event a callback request is stored as. */
export const callbackEvent = 'callback_request';

/**
 * When the widget is offered. Who the person is (score, segments) and what this visit stored
 * (product views) are judged by the collector each time the page asks for its numbers; time on
 * the page, leaving it on a desktop and the kind of device by the page, which shows the widget at
 * most once a session.
 */
export const callbackWidgetSchema = z
  .object({
    enabled: z.boolean(),
    title: z.string().trim().min(1).max(80).default("We'll call you back"),
    text: z.string().trim().max(200).default('Leave your number and we will call you within minutes.'),
    button: z.string().trim().min(1).max(40).default('Call me back'),
    min_score: z.number().min(0).max(100_000).nullable().default(null),
    /** The person is in at least one of these segments; none listed, any person. */
    segments: z.array(z.number().int().positive()).max(50).default([]),
    min_product_views: z.number().int().min(0).max(100).default(2),
    min_seconds_on_page: z.number().int().min(0).max(3_600).default(20),
    exit_intent: z.boolean().default(true),
    /** On phones tapping the number is the better path: the widget stays away unless asked. */
    on_phones: z.boolean().default(false),
  })
  .strict();
export type CallbackWidget = z.infer<typeof callbackWidgetSchema>;

/** What the page needs of the widget to draw it and judge its own rules; the collector's are judged before it is sent. */
export const pageWidget = ({ title, text, button, min_seconds_on_page, exit_intent, on_phones }: CallbackWidget) => ({ title, text, button, min_seconds_on_page, exit_intent, on_phones });

/** What the collector knows of the visitor when the page asks: their score now, their segments, and this visit's product views. */
export interface Asker {
  score: number;
  segments: ReadonlySet<number>;
  productViews: number;
}

/** Whether the visitor passes the collector's rules: a score at least the minimum, a member of one of the segments, enough product views this visit. */
export const askerQualifies = (widget: CallbackWidget, asker: Asker): boolean =>
  (widget.min_score === null || asker.score >= widget.min_score) &&
  (widget.segments.length === 0 || widget.segments.some((id) => asker.segments.has(id))) &&
  asker.productViews >= widget.min_product_views;

/** The request a callback event carries, for the site's webhooks; null for any other event. */
export function callbackOf(event: EventRow): CallbackRequest | null {
  if (event.name !== callbackEvent || typeof event.props?.phone !== 'string') return null;
  return { phone: event.props.phone, name: typeof event.props.name === 'string' ? event.props.name : null, page: event.url, source: sourceOf(event) };
}

/** The site's widget as saved, or null when it was never set up. */
export const widgetOf = (settings: { widget: string | null } | undefined): CallbackWidget | null =>
  settings?.widget ? callbackWidgetSchema.parse(JSON.parse(settings.widget)) : null;

/** The site's widget, or the defaults, off, until one is saved. */
export const widgetOrDefaults = (settings: { widget: string | null } | undefined): CallbackWidget => widgetOf(settings) ?? callbackWidgetSchema.parse({ enabled: false });
