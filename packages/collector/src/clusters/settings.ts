// The number of clusters an admin may fix for a site: a whole number in the silhouette's range, or 'auto'.
import { z } from 'zod';
import { kRange } from './model.js';

/** 'auto' is null: silhouette picks k at every fit. */
export const clusterCountSchema = z.union([
  z.literal('auto').transform(() => null),
  z.coerce.number().int(`must be a whole number from ${kRange.min} to 12, or auto`).min(kRange.min, `must be at least ${kRange.min}`).max(12, 'must be at most 12'),
]);
