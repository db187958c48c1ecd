// What the personalization routes take and answer, as zod schemas for the OpenAPI document: event rules and their versions, placements and their variants, wizard links.
import { z } from '@hono/zod-openapi';
import { deviceClasses, eventRuleSchema, placementSchema, browserKeySchema, targetingSchema, variantContentSchema } from '@pulse/wire/personalization';
import { maxImportedPlacements } from '../personalization/validate.js';

const epochMs = z.number().int().openapi({ description: 'epoch milliseconds' });

/**
 * The wire's schema as a new instance: zod 4 gives a schema the methods its type had when it was
 * made, and `.openapi` arrives with @hono/zod-openapi, which may load after @pulse/wire.
 */
const described = <S extends z.ZodType>(schema: S): S => schema.clone();

export const ruleBodySchema = described(eventRuleSchema).openapi('EventRuleInput', {
  description:
    'A click on elements matching `selector` (optionally containing `text`), a page view matching `url`, or a form submit, recorded as the event `name` with props taken from the element. Selectors must parse as CSS; a regex URL rule must not nest repetition.',
  example: { name: 'newsletter_signup', on: 'submit', selector: '#newsletter', props: [{ name: 'plan', from: 'field:plan' }] },
});

export const ruleSchema = z
  .object({
    id: z.number().int(),
    version: z.number().int().openapi({ description: '1 when created, one more at each change' }),
    ...eventRuleSchema.shape,
    fires_7d: z.number().int().openapi({ description: 'how often the rule fired over the last 7 days, today included: 0 after a redesign means its selector no longer matches' }),
    created_at: epochMs,
    updated_at: epochMs,
  })
  .openapi('EventRule');

export const ruleVersionSchema = z
  .object({ version: z.number().int(), rule: eventRuleSchema, saved_at: epochMs })
  .openapi('EventRuleVersion');

/** Seed 001's own slot: the provider's block under the provider's name, its options as `provider_*` keys. */
const seedSlotSchema = z
  .object({
    id: z.union([z.number().int().min(0), z.string()]),
    label: z.string(),
    provider: z.string().openapi({ example: 'adfox' }),
    adaptive: z.array(z.enum(deviceClasses)).optional(),
    disable: z.boolean().optional(),
    auto_reload: z.union([z.boolean(), z.number().int()]).optional(),
  })
  .catchall(z.unknown())
  .openapi('SeedSlot', {
    description: "A slot as seed 001 holds it: saved as a placement whose one variant hands the provider's block (and its `PROVIDER_*` options) to the site's renderer.",
    example: { id: 9, label: 'Fullscreen Mobile', provider: 'adfox', adaptive: ['phone'], auto_reload: true, adfox: { ownerId: 228129, params: { pp: 'g', ps: 'bugf', p2: 'fjog' } } },
  });

export const placementBodySchema = z
  .union([
    described(placementSchema).openapi('PlacementInput', {
      description: 'A placement: the `<div data-pulse-slot="ID">` it fills, the device classes it shows on, and its variants, the first whose targeting holds (highest priority first) shown.',
      example: {
        id: 'hero',
        label: 'Home hero',
        adaptive: ['desktop', 'tablet', 'phone'],
        variants: [
          { name: 'Shoe lovers', priority: 10, when: { segments: ['high-interest-shoes'] }, content: { kind: 'content', title: 'New running shoes', link: '/shoes', image: '/img/shoes.jpg', alt: 'Shoes' } },
          { name: 'Everyone', content: { kind: 'content', title: 'Winter sale', link: '/sale' } },
        ],
      },
    }),
    seedSlotSchema,
  ])
  .openapi({ description: "Pulse's shape, or seed 001's slot (told apart by its `provider`)" });

export const importBodySchema = z.array(placementBodySchema).min(1).max(maxImportedPlacements).openapi('PlacementImport', { description: "seed 001's whole array, as its file holds it; saved all or nothing" });

const variantSchema = z
  .object({
    id: z.number().int().openapi({ description: 'send it back when saving the placement again to keep its views and clicks' }),
    name: z.string(),
    priority: z.number().int(),
    when: targetingSchema,
    content: variantContentSchema,
    views_7d: z.number().int().openapi({ description: 'times shown half in view over the last 7 days (slot_view)' }),
    clicks_7d: z.number().int().openapi({ description: 'clicks over the last 7 days (slot_click)' }),
  })
  .openapi('PlacementVariant');

export const placementAnswerSchema = z
  .object({
    id: z.string().openapi({ description: 'the slot id pages name in data-pulse-slot' }),
    label: z.string(),
    adaptive: z.array(z.enum(deviceClasses)),
    disable: z.boolean(),
    auto_reload: z.number().int().openapi({ description: 'seconds; 0 never' }),
    variants: z.array(variantSchema).openapi({ description: 'in the order the browser tries them' }),
    created_at: epochMs,
    updated_at: epochMs,
  })
  .openapi('Placement');

export const browserKeyBodySchema = z
  .object({ browser_key: browserKeySchema.nullable().openapi({ description: "the key its members' pages see the segment under (pulse.profile().segments), or null to stop showing it" }) })
  .strict()
  .openapi('SegmentBrowserKey', { example: { browser_key: 'high-interest-shoes' } });

export const wizardBodySchema = z
  .object({ page: z.string().url().max(2048).openapi({ description: "a page of the site (its host one of the site's domains) to open the picker on", example: 'https://shop.example/catalog' }) })
  .strict()
  .openapi('WizardRequest');

export const wizardAnswerSchema = z
  .object({
    token: z.string().openapi({ description: 'a signed token that lets the picker on the site save event rules until it expires' }),
    expires_at: epochMs,
    url: z.string().openapi({ description: 'the page with `pulse_wizard=TOKEN` added: open it to load the picker' }),
  })
  .openapi('WizardLink');
