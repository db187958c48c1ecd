// What each smart preset lets an admin tune, read from its zod schema so the form and the schema cannot disagree.
import { z } from 'zod';
import { presets, type PresetKind } from './presets.js';

export interface PresetField {
  key: string;
  type: 'number' | 'text';
  /** Left empty, a number takes its default; an optional text stays unset. */
  optional: boolean;
  defaultValue: number | undefined;
  min: number | undefined;
  max: number | undefined;
}

export function presetFields(kind: PresetKind): PresetField[] {
  const shape = (presets[kind].params as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([key, schema]) => {
    let inner = schema;
    let defaultValue: unknown;
    let optional = false;
    if (inner instanceof z.ZodDefault) {
      defaultValue = inner.def.defaultValue;
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    }
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    }
    const number = inner instanceof z.ZodNumber ? inner : null;
    return {
      key,
      type: number ? 'number' : 'text',
      optional,
      defaultValue: typeof defaultValue === 'number' ? defaultValue : undefined,
      min: number?.minValue ?? undefined,
      max: number?.maxValue ?? undefined,
    };
  });
}
