// Which smart preset wrote a segment, and with which parameters: read back from its name and rules.
import { isDeepStrictEqual } from 'node:util';
import { presetKinds, presets, presetSegment, type PresetKind } from './presets.js';
import { presetFields } from './preset-fields.js';
import type { Segment } from '../model/segment.js';

export interface PresetUse {
  kind: PresetKind;
  params: Record<string, unknown>;
}

/** Stands in for each numeric parameter while the preset's rule is written, so its place in the rule can be found. */
const marker = (i: number) => -1_000_000 - i;

/** Copies into `out` what `actual` holds where `template` holds a marker. */
function collect(template: unknown, actual: unknown, markers: Map<number, string>, out: Record<string, unknown>): void {
  if (typeof template === 'number' && markers.has(template)) out[markers.get(template)!] = actual;
  else if (Array.isArray(template) && Array.isArray(actual)) template.forEach((t, i) => collect(t, actual[i], markers, out));
  else if (template && typeof template === 'object' && actual && typeof actual === 'object') {
    for (const [key, t] of Object.entries(template)) collect(t, (actual as Record<string, unknown>)[key], markers, out);
  }
}

/**
 * The preset and parameters that write exactly this segment (its name and rules), or null for a segment an
 * admin wrote by hand. Presets keep no record of their own: the admin API turns them on by name alone.
 */
export function presetOf(segment: Pick<Segment, 'name' | 'rules'>): PresetUse | null {
  for (const kind of presetKinds) {
    const { label } = presets[kind];
    const fields = presetFields(kind);
    const texts = fields.filter((f) => f.type === 'text');
    const focus = segment.name === label ? undefined : segment.name.startsWith(`${label}: `) ? segment.name.slice(label.length + 2) : null;
    if (focus === null || (focus === undefined) !== (texts.length === 0)) continue;
    // The focus is the one text parameter set: High Interest aims at a category or a brand.
    const aims = texts.length === 0 ? [{}] : texts.map((f) => ({ [f.key]: focus }));
    for (const aim of aims) {
      const numbers = fields.filter((f) => f.type === 'number');
      const markers = new Map(numbers.map((f, i) => [marker(i), f.key]));
      const template = (presets[kind].rule as (p: Record<string, unknown>) => unknown)({
        ...aim,
        ...Object.fromEntries(numbers.map((f, i) => [f.key, marker(i)])),
      });
      const params: Record<string, unknown> = { ...aim };
      collect(template, segment.rules, markers, params);
      try {
        const written = presetSegment(kind, params);
        if (written.name === segment.name && isDeepStrictEqual(written.rules, segment.rules)) return { kind, params: written.params };
      } catch {
        // Parameters that do not parse: not this preset.
      }
    }
  }
  return null;
}
