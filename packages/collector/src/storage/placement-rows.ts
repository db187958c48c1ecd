// Placements and their variants as their rows hold them, on either backend, and how the rows become the model.
import type { Targeting, VariantContent } from '@pulse/wire/personalization';
import type { PersonalizationStore } from './personalization.js';
import type { StoredPlacement, StoredVariant } from '../model/personalization.js';

export interface PlacementRow {
  id: number;
  site_id: number;
  slot: string;
  label: string;
  adaptive: string;
  disabled: number;
  auto_reload_s: number;
  created_at: number;
  updated_at: number;
}

export interface VariantRow {
  id: number;
  placement_id: number;
  name: string;
  priority: number;
  targeting: string;
  content: string;
}

/** The placements half of the personalization group. */
export type PlacementStore = Pick<PersonalizationStore, 'placements' | 'placement' | 'savePlacement' | 'deletePlacement' | 'addVariantDay' | 'variantTallies'>;

const toVariant = (row: VariantRow): StoredVariant => ({
  id: row.id,
  name: row.name,
  priority: row.priority,
  when: JSON.parse(row.targeting) as Targeting,
  content: JSON.parse(row.content) as VariantContent,
});

/** A site's placements, each with its variants in the order `variantRows` lists them. */
export function placementsFromRows(rows: readonly PlacementRow[], variantRows: readonly VariantRow[]): StoredPlacement[] {
  const variants = new Map<number, VariantRow[]>();
  for (const row of variantRows) variants.set(row.placement_id, [...(variants.get(row.placement_id) ?? []), row]);
  return rows.map((row) => ({
    id: row.id,
    siteId: row.site_id,
    slot: row.slot,
    label: row.label,
    adaptive: JSON.parse(row.adaptive) as StoredPlacement['adaptive'],
    disabled: row.disabled === 1,
    autoReloadS: row.auto_reload_s,
    variants: (variants.get(row.id) ?? []).map(toVariant),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}
