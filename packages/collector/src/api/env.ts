// The REST API's environment: what its routes are given, and what the access step leaves on each request.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import type { Site } from '../model/site.js';
import type { ApiScope } from '../model/access.js';

export interface ApiDeps {
  store: Store;
  writer: EngineWriter;
  profileRules: ProfileRules;
  /** The collector's own token: every site, every scope, and the collector-wide routes. */
  adminToken: string;
  now: () => number;
  log: (message: string) => void;
}

/** Who is asking: a site's token (by name) with its scopes, or the collector's admin token. */
export interface Access {
  by: string;
  admin: boolean;
  scopes: readonly ApiScope[];
}

export type ApiEnv = { Variables: { site: Site; access: Access } };
export type ApiApp = OpenAPIHono<ApiEnv>;
