// One area of the REST API: an OpenAPIHono sub-app whose bad parameters and bodies are refused like the rest of the collector's input.
import { OpenAPIHono } from '@hono/zod-openapi';
import { invalidInput } from '../validation.js';
import type { ApiApp, ApiEnv } from './env.js';

/** Bad parameters and bodies are answered as everywhere else: 400 naming the field. */
export const apiArea = (): ApiApp =>
  new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(result.error);
    },
  });
