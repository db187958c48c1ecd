// The callback widget's rules and its requests: when the page may offer "we'll call you back", and what a request event tells the site's webhooks.
import { z } from '@hono/zod-openapi';
import { sourceOf } from '../profiles/source.js';
import type { EventRow } from '../model/event.js';
import type { CallbackRequest } from '../model/webhook.js';

/** The event a callback request is stored as. */
export const callbackEvent = 'callback_request';

/**
 * When the widget is offered. Who the person is (score, segments) is judged by the collector;
 * what this visit does (product views, time on the page, leaving the page on a desktop) by the
 * page, which shows the widget at most once a session.
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

/** What the page needs of the widget to decide and draw it; the person's own rules are judged before it is sent. */
export const pageWidget = ({ title, text, button, min_product_views, min_seconds_on_page, exit_intent, on_phones }: CallbackWidget) =>
  ({ title, text, button, min_product_views, min_seconds_on_page, exit_intent, on_phones });

/** Whether the person passes the widget's own rules: a score at least the minimum, a member of one of its segments. */
export const personQualifies = (widget: CallbackWidget, person: { score: number; segments: ReadonlySet<number> } | null): boolean =>
  (widget.min_score === null || (person?.score ?? 0) >= widget.min_score) && (widget.segments.length === 0 || widget.segments.some((id) => person?.segments.has(id)));

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
