// What the call-tracking routes take and answer, as zod schemas for the OpenAPI document: pools and their health, numbers, calls, settings.
import { z } from '@hono/zod-openapi';
import { callInputSchema, callSettingsSchema, poolInputSchema, staticNumberSchema } from '../calls/wire.js';
import { callbackWidgetSchema } from '../calls/callback.js';

const epochMs = z.number().int().openapi({ description: 'epoch milliseconds' });
const share = z.number().nullable().openapi({ description: 'a fraction from 0 to 1, or null when no session asked' });
const attribution = z.enum(['lease', 'static', 'repeat', 'none']).openapi({
  description: "lease: the session that held the number when the call began; static: the static number's source; repeat: the caller's latest earlier call; none: unattributed",
});

export const poolBodySchema = poolInputSchema.openapi('CallPoolInput', {
  example: { name: 'Sales', default_number: '+74951234567', published_number: '+74951234567', selector: '.phone', numbers: ['+74957000001', '+74957000002'], hold_minutes: 15 },
});
export const staticNumberBodySchema = staticNumberSchema.openapi('StaticNumberInput', { example: { number: '+74958000000', source: 'print', campaign: 'flyer-dec' } });
export const callBodySchema = callInputSchema.openapi('CallInput', {
  description: "One call as telephony reports it, once it has ended. A call id sent again is stored once: the answer says `duplicate`.",
  example: { call_id: 'pbx-20261205-0001', called_number: '+74957000001', caller_number: '+79165550102', started_at: '2026-12-05T10:15:00+03:00', duration_s: 184, answered: true, recording_url: 'https://pbx.example/rec/0001.mp3' },
});
export const callSettingsBodySchema = callSettingsSchema.openapi('CallSettingsInput');

export const poolSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    defaultNumber: z.string(),
    publishedNumber: z.string().nullable(),
    selector: z.string().nullable(),
    holdMinutes: z.number(),
    numbers: z.array(z.string()),
    leasesNow: z.number().int().openapi({ description: 'numbers held by a session now' }),
    recommended: z.number().int().openapi({ description: '⌈peak-hour sessions × (average session minutes + hold minutes) ÷ 60 × 1.3⌉ (README, Call tracking)' }),
    averageSessionMinutes: z.number(),
    peakHourSessions: z.number().int(),
    last7: z.object({ sessions: z.number().int(), missShare: share }),
    last30: z.object({ sessions: z.number().int(), missShare: share }),
  })
  .openapi('CallPool');

export const staticNumberAnswerSchema = z
  .object({ id: z.number().int(), number: z.string(), source: z.string().nullable(), campaign: z.string().nullable() })
  .openapi('StaticNumber');

export const callAnswerSchema = z
  .object({
    id: z.number().int(),
    call_id: z.string(),
    attribution,
    visitor_id: z.string().nullable(),
    profile_id: z.number().int().nullable(),
    source: z.string().nullable(),
    duplicate: z.boolean(),
  })
  .openapi('StoredCall');

const listedCall = z.object({
  id: z.number().int(),
  callId: z.string(),
  calledNumber: z.string(),
  caller: z.string().openapi({ description: "the caller's number when the site keeps it in clear, else its last two digits" }),
  startedAt: epochMs,
  durationS: z.number().int(),
  answered: z.boolean(),
  recordingUrl: z.string().nullable(),
  attribution,
  repeatCaller: z.boolean(),
  profileId: z.number().int().nullable(),
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  landingPage: z.string().nullable(),
  device: z.string().nullable(),
  city: z.string().nullable(),
});
const counted = z.array(z.object({ value: z.string().nullable(), calls: z.number().int() }));

export const callReportSchema = z
  .object({
    range: z.object({ from: z.string(), to: z.string() }),
    totals: z.object({ calls: z.number().int(), answered: z.number().int(), missed: z.number().int(), firstTime: z.number().int(), repeat: z.number().int(), unattributed: z.number().int() }),
    days: z.array(z.object({ day: z.string(), calls: z.number().int(), answered: z.number().int(), attributed: z.number().int(), firstTime: z.number().int() })),
    breakdowns: z.object({ source: counted, campaign: counted, landing_page: counted, device: counted, city: counted }),
    latest: z.array(listedCall),
  })
  .openapi('CallReport');

export const callSettingsAnswerSchema = z
  .object({ storeCallers: z.boolean().openapi({ description: "whether callers' numbers are kept in clear; off, only a salted hash and the last two digits are kept" }) })
  .openapi('CallSettings');

export const signingSecretSchema = z
  .object({ signingSecret: z.string().openapi({ description: 'signs calls sent to /v1/calls/{site} instead of a token: X-Pulse-Signature: sha256=<hex HMAC-SHA256 of the body>; shown this once' }) })
  .openapi('CallSigningSecret');

export const widgetSchema = callbackWidgetSchema.openapi('CallbackWidget', {
  description:
    'When the page offers "we\'ll call you back": the person\'s own rules (min_score, segments: any of them) are judged by the collector, the visit\'s (product views, seconds on the page, exit intent on desktops, phones) by the page, at most once a session. A request becomes a callback_request event and a callback.requested webhook.',
  example: { enabled: true, title: "We'll call you back", text: 'Leave your number and we will call you within minutes.', button: 'Call me back', min_score: 10, segments: [], min_product_views: 2, min_seconds_on_page: 20, exit_intent: true, on_phones: false },
});
