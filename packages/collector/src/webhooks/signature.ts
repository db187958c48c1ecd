// Signs a webhook body the way Stripe does: an HMAC-SHA256 of "timestamp.body", so a receiver can refuse replays and forgeries.
import { createHmac, randomBytes } from 'node:crypto';

/** The Pulse-Signature header for a body sent at `unixSeconds`: `t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/** A new endpoint's secret: 32 random bytes, prefixed so that it is recognised when pasted somewhere it should not be. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
