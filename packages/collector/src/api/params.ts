// Path and query parameters more than one route names, described once for the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const siteParam = z.string().openapi({ param: { name: 'site', in: 'path' }, example: 'demo', description: 'the site key' });

/** A numeric id in the path (a segment, a webhook endpoint). */
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' }, type: 'integer' });

/** The parameters of a route under /api/v1/sites/{site}, with any of its own. */
export const siteParams = <S extends z.ZodRawShape>(shape: S = {} as S) => z.object({ site: siteParam, ...shape });
