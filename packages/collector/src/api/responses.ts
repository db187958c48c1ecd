// The answers every API route may give besides its own: refusals and bad input, each {error, field}.
import { errorSchema } from './schemas.js';

const refusal = (description: string) => ({ content: { 'application/json': { schema: errorSchema } }, description });

export const refusals = {
  401: refusal('no token, or one that is unknown or revoked'),
  403: refusal('the token lacks the scope this route needs'),
  404: refusal('no such site for this token, or no such thing on the site'),
} as const;

export const badInput = { 400: refusal('a parameter or the body is invalid; `field` names it') } as const;

export const security = (scope: 'read' | 'write') => [{ token: [scope] }];

export const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** A required JSON request body. */
export const jsonBody = <T>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

/** An answer without a body, as a DELETE gives. */
export const noContent = (description: string) => ({ description });

/** The refusals of a collector-wide route: no token, or a site's token where the admin token is needed. */
export const collectorRefusals = {
  401: refusal('no token, or one that is unknown or revoked'),
  403: refusal("a site's token, where the route needs the collector's admin token"),
} as const;
