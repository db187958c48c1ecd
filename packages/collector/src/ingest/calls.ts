// Calls in from telephony: the body checked (and its signature, when it comes signed instead of with a token) and handed to the writer.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { callInputSchema, type CallInput } from '../calls/wire.js';
import { eventTime } from './clock.js';
import { InputError, parseInput } from '../validation.js';
import type { CallRecord } from '../model/call.js';
import type { Site } from '../model/site.js';

/** The header a signed call carries: `sha256=` and the hex HMAC-SHA256 of the raw body under the site's signing secret. */
export const signatureHeader = 'x-pulse-signature';

export const signBody = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Refuses a body whose signature is missing or not the one the site's secret makes. */
export async function checkSignature(store: Pick<Store, 'calls'>, site: Site, body: string, signature: string | undefined): Promise<void> {
  if (!signature) throw new InputError(403, signatureHeader, `${signatureHeader}: required (sha256= and the HMAC of the body under the site's signing secret)`);
  const secret = (await store.calls.settings(site.id))?.signingSecret;
  const expected = secret === undefined ? null : Buffer.from(signBody(secret, body));
  const given = Buffer.from(signature);
  if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InputError(403, signatureHeader, `${signatureHeader}: does not match the body under the site's signing secret`);
  }
}

/** What a stored call tells telephony back. */
export interface CallAnswer {
  id: number;
  call_id: string;
  attribution: CallRecord['attribution'];
  visitor_id: string | null;
  profile_id: number | null;
  source: string | null;
  duplicate: boolean;
}

/** Stores the call (once per call id) and says whom it was attributed to. */
export async function ingestCall(deps: { store: Pick<Store, 'profiles'>; writer: EngineWriter }, site: Site, body: unknown, receivedAt: number): Promise<CallAnswer> {
  const input: CallInput = parseInput(callInputSchema, body);
  const { call, duplicate } = await deps.writer.run('recordCall', { siteId: site.id, call: input, eventTs: eventTime(input.started_at, receivedAt), now: receivedAt });
  const profile = call.visitorId === null ? undefined : await deps.store.profiles.ofVisitor(site.id, call.visitorId);
  return {
    id: call.id,
    call_id: call.callId,
    attribution: call.attribution,
    visitor_id: call.visitorId,
    profile_id: profile?.id ?? null,
    source: call.source,
    duplicate,
  };
}
