// The smart segments of the seeds (Flocktory's), as presets: tunable templates that write rule segments.
import { z } from 'zod';
import type { Rule } from '../model/rule.js';
import type { PropTest } from '../model/props.js';

const days = (fallback: number) => z.number().int().min(1).max(400).default(fallback);
const count = (fallback: number) => z.number().int().min(1).max(1_000).default(fallback);
const name = z.string().trim().min(1).max(100);
const itemCategory = (category: string) => [{ prop: 'items[].category', op: 'eq' as const, value: category }];
const bought = (withinDays: number, where?: PropTest[]): Rule => ({
  event: 'purchase',
  ...(where ? { where } : {}),
  withinDays,
  count: { gte: 1 },
});

/** Each preset: one sentence for admins, the parameters they tune (with defaults), and the rule it writes. */
export const presets = {
  ecommerce_buyers: {
    label: 'E-commerce Buyers',
    about: 'People who bought online (a purchase event) within the last 180 days.',
    params: z.object({ withinDays: days(180) }).strict(),
    rule: (p: { withinDays: number }): Rule => bought(p.withinDays),
  },
  category_lovers: {
    label: 'Category Lovers',
    about: 'People who bought in the chosen category at least twice within 180 days.',
    params: z.object({ category: name, minPurchases: count(2), withinDays: days(180) }).strict(),
    rule: (p: { category: string; minPurchases: number; withinDays: number }): Rule => ({
      event: 'purchase',
      where: itemCategory(p.category),
      withinDays: p.withinDays,
      count: { gte: p.minPurchases },
    }),
  },
  category_virgins: {
    label: 'Category Virgins',
    about: 'Active online buyers (a purchase within 180 days) who never bought in the chosen category (400 days back).',
    params: z.object({ category: name, withinDays: days(180) }).strict(),
    rule: (p: { category: string; withinDays: number }): Rule => ({
      all: [bought(p.withinDays), { not: bought(400, itemCategory(p.category)) }],
    }),
  },
  high_interest: {
    label: 'High Interest',
    about: 'People interested in a category or brand right now: several product views or an add to cart in it within the last 14 days, forgotten as the days pass.',
    params: z
      .object({ category: name.optional(), brand: name.optional(), minViews: count(3), minAddsToCart: count(1), withinDays: days(14) })
      .strict()
      .refine((p) => (p.category === undefined) !== (p.brand === undefined), 'needs a category or a brand'),
    rule: (p: { category?: string | undefined; brand?: string | undefined; minViews: number; minAddsToCart: number; withinDays: number }): Rule => {
      const where = [{ prop: p.category !== undefined ? 'category' : 'brand', op: 'eq' as const, value: (p.category ?? p.brand)! }];
      return {
        any: [
          { event: 'product_view', where, withinDays: p.withinDays, count: { gte: p.minViews } },
          { event: 'add_to_cart', where, withinDays: p.withinDays, count: { gte: p.minAddsToCart } },
        ],
      };
    },
  },
  price_hunters: {
    label: 'Price Hunters',
    about: 'People comparing prices before buying: many product views in one category and a price sort or a filter within 7 days, and no purchase yet.',
    params: z.object({ category: name, minViews: count(5), withinDays: days(7) }).strict(),
    rule: (p: { category: string; minViews: number; withinDays: number }): Rule => ({
      all: [
        { event: 'product_view', where: [{ prop: 'category', op: 'eq', value: p.category }], withinDays: p.withinDays, count: { gte: p.minViews } },
        {
          any: [
            { event: 'sort', where: [{ prop: 'by', op: 'eq', value: 'price' }], withinDays: p.withinDays, count: { gte: 1 } },
            { event: 'filter', withinDays: p.withinDays, count: { gte: 1 } },
          ],
        },
        { not: bought(p.withinDays) },
      ],
    }),
  },
} as const;

export type PresetKind = keyof typeof presets;
export const presetKinds = Object.keys(presets) as PresetKind[];

/** The segment a preset writes: its name (one per category or brand) and its rule. Throws a ZodError on bad params. */
export function presetSegment(kind: PresetKind, params: unknown): { name: string; rules: Rule; params: Record<string, unknown> } {
  const preset = presets[kind];
  const parsed = preset.params.parse(params ?? {}) as Record<string, unknown> & { category?: string; brand?: string };
  const focus = parsed.category ?? parsed.brand;
  return {
    name: focus === undefined ? preset.label : `${preset.label}: ${focus}`,
    rules: (preset.rule as (p: typeof parsed) => Rule)(parsed),
    params: parsed,
  };
}
