// The REST API under /api/v1, one sub-app per area, and its OpenAPI 3.1 document at /openapi.json, all from the zod schemas of each route.
import { HTTPException } from 'hono/http-exception';
import { InputError } from '../validation.js';
import { answerError } from '../http/errors.js';
import { collectorAccess, siteAccess } from './access.js';
import { apiArea } from './area.js';
import type { ApiDeps } from './env.js';
import { profilesApi } from './profiles.js';
import { segmentsApi } from './segments.js';
import { presetsApi, presetListApi } from './presets.js';
import { definitionsApi } from './definitions.js';
import { webhooksApi } from './webhooks.js';
import { peopleApi } from './people.js';
import { retentionApi } from './retention.js';
import { eventsApi } from './events.js';
import { statsApi } from './stats.js';
import { callsApi } from './calls.js';
import { personalizationApi } from './personalization.js';

export function apiApp(deps: ApiDeps) {
  const { store, writer, adminToken, now, log } = deps;
  const app = apiArea();
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description:
      "An API token of the site in the path, made with `pulse token add --site KEY --name NAME --scope read,write`: GET routes need the read scope, the others the write scope. The collector's admin token (`--admin-token`) opens every site and the collector-wide routes.",
  });
  const touch = (id: number, at: number) => void writer.run('touchToken', { id, at }).catch((error: Error) => log(`error: recording a token's use: ${error.message}`));
  app.use('/api/v1/sites/:site/*', siteAccess({ store, adminToken, now, touch }));
  app.use('/api/v1/presets', collectorAccess({ store, adminToken }, { anyTokenReads: true }));
  app.use('/api/v1/retention', collectorAccess({ store, adminToken }));

  for (const area of [profilesApi, segmentsApi, presetsApi, definitionsApi, webhooksApi, peopleApi, eventsApi, statsApi, callsApi, personalizationApi]) {
    app.route('/api/v1/sites/:site', area(deps));
  }
  app.route('/api/v1', presetListApi());
  app.route('/api/v1', retentionApi(deps));

  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Pulse REST API',
      version: '1',
      description: 'Profiles, segments, presets, event definitions, webhooks, personal data, the event log, call tracking, personalization (event rules, placements, the picker) and the stats of one site, read and written with an API token of that site or the collector admin token.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  // The JSON validator refuses a body it cannot parse (or one not sent as JSON) before any handler runs.
  app.onError((error, c) => {
    const refusal = error instanceof HTTPException && error.status < 500 ? new InputError(error.status as 400 | 415, 'body', `body: ${error.message}`) : error;
    return answerError(refusal, c, log);
  });
  return app;
}
