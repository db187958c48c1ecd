// Personalization's wire formats: the event rules and placements admins save, the site config and the visitor profile the browser reads.
import { z } from 'zod';
import { wireLimits } from './limits.js';

/** Seed 001's device classes, as the collector tells them apart from the User-Agent. */
export const deviceClasses = ['desktop', 'tablet', 'phone'] as const;
/** The specification's three groups. */
export const groups = ['new', 'active', 'passive'] as const;
/** What the page may know of a score: cold below 10 points, warm below 50, hot from 50. */
export const scoreBands = ['cold', 'warm', 'hot'] as const;
/** The score a band starts at, in the order of scoreBands. */
export const scoreBandFloors = [0, 10, 50] as const;

/** The query parameter that carries a wizard token to the admin's own site. */
export const wizardParam = 'pulse_wizard';
/** The events placements record: a variant seen (half of it in view, once per slot and page) and clicked. */
export const slotEvents = { view: 'slot_view', click: 'slot_click' } as const;
/** The prop a rule's event carries its rule's id in, so the Events page counts each rule's firings. */
export const ruleProp = '$rule';

const path = z.string().min(1).max(wireLimits.urlLength);
const text = (max: number) => z.string().trim().min(1).max(max);

/** Which pages: the path exact or by prefix, path and query by a regular expression (of bounded cost), or a query parameter present (and equal). */
export const urlRuleSchema = z.discriminatedUnion('match', [
  z.object({ match: z.literal('exact'), value: path.startsWith('/') }).strict(),
  z.object({ match: z.literal('prefix'), value: path.startsWith('/') }).strict(),
  z.object({ match: z.literal('regex'), value: z.string().min(1).max(200) }).strict(),
  z.object({ match: z.literal('query'), param: text(64), value: z.string().max(wireLimits.textLength).optional() }).strict(),
]);
export type UrlRule = z.infer<typeof urlRuleSchema>;

/**
 * Where a rule's prop comes from: the element's text, its value (a field, a select, a button), its
 * href, one of its data- attributes, or (for a form submit) a named field's value. Never from a
 * password or a payment card field: the SDK refuses those.
 */
export const propSourceSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a prop name: a letter, then letters, digits or _ (at most 64)'),
    from: z.string().regex(/^(text|value|href|data-[a-z0-9-]{1,60}|field:[A-Za-z0-9_.[\]-]{1,64})$/, 'text, value, href, data-NAME or field:NAME'),
  })
  .strict();
export type PropSource = z.infer<typeof propSourceSchema>;

/** An event rule as an admin saves it: a click on matching elements, a page view of matching pages, or a form submit, recorded as a named event. */
export const eventRuleSchema = z
  .object({
    name: z.string().trim().min(1).max(wireLimits.nameLength),
    on: z.enum(['click', 'page', 'submit']),
    /** The elements (click) or forms (submit); a CSS selector, checked by the collector. */
    selector: z.string().trim().min(1).max(300).optional(),
    /** Click only: the element's text must contain this (case is ignored). */
    text: z.string().trim().min(1).max(100).optional(),
    /** Required for a page rule; on a click or submit rule, only on these pages. */
    url: urlRuleSchema.optional(),
    props: z.array(propSourceSchema).max(10).default([]),
  })
  .strict()
  .superRefine((rule, context) => {
    if (rule.on === 'page' && !rule.url) context.addIssue({ code: 'custom', path: ['url'], message: 'a page rule needs a url rule' });
    if (rule.on !== 'page' && !rule.selector) context.addIssue({ code: 'custom', path: ['selector'], message: `a ${rule.on} rule needs a selector` });
    if (rule.on === 'page' && rule.selector) context.addIssue({ code: 'custom', path: ['selector'], message: 'a page rule has no selector' });
    if (rule.on !== 'click' && rule.text) context.addIssue({ code: 'custom', path: ['text'], message: 'only a click rule matches text' });
    rule.props.forEach((prop, index) => {
      if (prop.from.startsWith('field:') && rule.on !== 'submit') context.addIssue({ code: 'custom', path: ['props', index, 'from'], message: 'field: is for submit rules' });
    });
    if (rule.on === 'page' && rule.props.length) context.addIssue({ code: 'custom', path: ['props'], message: 'a page rule has no element to take props from' });
  });
export type EventRuleInput = z.input<typeof eventRuleSchema>;
export type EventRule = z.infer<typeof eventRuleSchema>;

/**
 * A link or an image: http(s) only, so a variant cannot carry javascript: or data: URLs. The scheme's
 * case is spelled out rather than flagged: an OpenAPI document keeps a pattern's source, not its flags.
 */
const webUrl = z
  .string()
  .trim()
  .max(wireLimits.urlLength)
  .regex(/^([Hh][Tt][Tt][Pp][Ss]?:\/\/[^\s]+|\/(?!\/)[^\s]*)$/, 'an http(s) URL or a path on the site');

/** What a variant shows: content Pulse renders as text and attributes only, or a provider block handed to the site's own renderer. */
export const variantContentSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('content'),
      title: z.string().trim().max(200).optional(),
      text: z.string().trim().max(1000).optional(),
      link: webUrl.optional(),
      /** The link's words (a button); the whole block is the link without them. */
      cta: z.string().trim().max(100).optional(),
      image: webUrl.optional(),
      alt: z.string().trim().max(300).optional(),
    })
    .strict()
    .refine((content) => content.title || content.text || content.image, { message: 'content needs a title, a text or an image' }),
  z
    .object({
      kind: z.literal('provider'),
      /** The site's renderer it goes to, e.g. adfox or yandex as in seed 001. */
      provider: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'a provider name: lower-case letters, digits, _ or -'),
      params: z.record(z.string(), z.unknown()).refine((params) => JSON.stringify(params).length <= 4096, 'params: at most 4 KiB as JSON'),
    })
    .strict(),
]);
export type VariantContent = z.infer<typeof variantContentSchema>;

/** The key a segment is shown to its members' browsers under (pulse.profile()), and variants target it by. */
export const browserKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a browser key: lower-case letters, digits, - or _ (at most 64), starting with a letter or digit');

/** Who sees a variant: every condition given must hold; within a list, any one value. No condition: everyone (a default). */
export const targetingSchema = z
  .object({
    segments: z.array(browserKeySchema).max(20).optional(),
    groups: z.array(z.enum(groups)).max(3).optional(),
    clusters: z.array(z.number().int().min(0).max(50)).max(50).optional(),
    devices: z.array(z.enum(deviceClasses)).max(3).optional(),
    url: urlRuleSchema.optional(),
  })
  .strict();
export type Targeting = z.infer<typeof targetingSchema>;

export const variantSchema = z
  .object({
    /** An existing variant's id, when a placement is saved again: it keeps its views and clicks. */
    id: z.number().int().positive().optional(),
    name: text(100),
    /** Higher first; the first variant whose targeting holds is shown. */
    priority: z.number().int().min(0).max(1000).default(0),
    when: targetingSchema.default({}),
    content: variantContentSchema,
  })
  .strict();
export type VariantInput = z.input<typeof variantSchema>;

/** A placement as seed 001 shapes a slot: id, label, adaptive device classes, disable, auto_reload (seconds; true is a minute). */
export const placementSchema = z
  .object({
    id: z.union([z.number().int().min(0), z.string()]).transform(String).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a slot id: letters, digits, _ or - (at most 64)')),
    label: text(200),
    adaptive: z.array(z.enum(deviceClasses)).min(1).max(3).default([...deviceClasses]),
    disable: z.boolean().default(false),
    auto_reload: z
      .union([z.boolean(), z.number().int().min(0).max(86_400)])
      .default(false)
      .transform((value) => (value === true ? 60 : value === false ? 0 : value))
      .refine((seconds) => seconds === 0 || seconds >= 10, 'auto_reload: 0 (never) or at least 10 seconds'),
    variants: z.array(variantSchema).max(20).default([]),
  })
  .strict();
export type PlacementInput = z.input<typeof placementSchema>;
export type Placement = z.infer<typeof placementSchema>;

/** A rule as the browser gets it: the saved rule with its id and version. */
export type ConfigRule = EventRule & { id: number; version: number };
/** A variant as the browser gets it: highest priority first, so the first that holds wins. */
export type ConfigVariant = { id: number; when: Targeting; content: VariantContent };
/** An enabled placement as the browser gets it. */
export type ConfigPlacement = { id: string; adaptive: Placement['adaptive']; auto_reload: number; variants: ConfigVariant[] };

/** GET /v1/config/:site: what the SDK applies on the site's pages, fetched once a session. */
export interface SiteConfig {
  /** Changes whenever an admin saves a rule, a placement or call tracking: the document's ETag. */
  v: string;
  rules: ConfigRule[];
  placements: ConfigPlacement[];
  /** The site tracks calls: p-calls.js has numbers to show. */
  calls: boolean;
}

/** GET /v1/profile/:site/:visitor: what the page may know of its own visitor, and nothing that names them. */
export const visitorProfileSchema = z
  .object({
    /** The keys of the segments the visitor is in that the admin exposed to the browser. */
    segments: z.array(z.string()),
    group: z.enum(groups),
    /** The visitor's cluster (0 to k-1), or null before the site's first fit. */
    cluster: z.number().int().nullable(),
    score_band: z.enum(scoreBands),
    /** This request's device class, as the collector classes every event's. */
    device: z.enum(deviceClasses),
  })
  .strict();
export type VisitorProfile = z.infer<typeof visitorProfileSchema>;
