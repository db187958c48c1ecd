// How a request that failed is answered, in one place: input refused as a whole is a 4xx naming the field, anything else a logged 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { InputError } from '../validation.js';

export function answerError(error: Error, c: Context, log: (message: string) => void): Response {
  if (error instanceof InputError) return c.json({ error: error.message, field: error.field }, error.status);
  // Hono's own refusals (a form posted from another origin) carry their answer.
  if (error instanceof HTTPException && error.status < 500) return error.getResponse();
  log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
  // Not the client's fault: a 5xx tells the SDK to keep its events and retry.
  return c.json({ error: 'internal error; the request was not stored, retry later' }, 500);
}
