// Delivering webhooks as a job: POSTs due outbox rows, signed, outside any transaction; records each answer through the single writer.
import type { DeliveryOutcome, EngineWriter } from '../engine/commands.js';
import { signatureHeader } from '../webhooks/signature.js';
import type { DueWebhook } from '../model/webhook.js';

const second = 1_000;
const hour = 3_600 * second;
const day = 24 * hour;

export interface DeliverySchedule {
  /** How long to wait after the `failures`-th failed attempt of a row. */
  retryDelay(failures: number): number;
  /** A row still failing this long after its change is marked failed, and the profile's next row goes ahead. */
  giveUpAfterMs: number;
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** How often the outbox is looked at for due rows. */
  pollMs: number;
  /** Rows sent at once per endpoint (each of a different profile, so order is kept). */
  batch: number;
  /** Finished rows stay this long for the stats page, then are deleted. */
  keepMs: number;
}

/**
 * Exponential backoff from `baseMs`, doubling per failure up to `capMs`, each wait shortened by up
 * to a quarter at random so that retries spread out; whole milliseconds, as times are stored.
 */
export const exponentialBackoff =
  (baseMs: number, capMs: number) =>
  (failures: number): number =>
    Math.round(Math.min(capMs, baseMs * 2 ** Math.min(failures - 1, 30)) * (1 - Math.random() * 0.25));

/** 10 s, 20 s, 40 s… up to an hour between tries, for three days: a receiver down for a day still gets everything. */
export const defaultDeliverySchedule: DeliverySchedule = {
  retryDelay: exponentialBackoff(10 * second, hour),
  giveUpAfterMs: 3 * day,
  timeoutMs: 10 * second,
  pollMs: second,
  batch: 50,
  keepMs: 30 * day,
};

/**
 * How long a claimed row is held from its claim: past the POST's timeout, so a slow answer is never
 * sent twice; a collector that dies while sending leaves its rows to the others once this runs out.
 */
export const leaseMs = (timeoutMs: number): number => timeoutMs + 5 * second;

type Answer = { status: number; error: null } | { status: null; error: string };
const delivered = (answer: Answer) => answer.status !== null && answer.status >= 200 && answer.status < 300;

export interface DeliveryDeps {
  writer: EngineWriter;
  log: (message: string) => void;
  schedule?: Partial<DeliverySchedule>;
  now?: () => number;
}

async function post(row: DueWebhook, unixSeconds: number, timeoutMs: number): Promise<Answer> {
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pulse-Webhooks/1',
        'pulse-delivery-id': row.deliveryId,
        'pulse-signature': signatureHeader(row.secret, unixSeconds, row.body),
      },
      body: row.body,
      // A redirect is an answer that is not a 2xx: following it could send the signed body somewhere unconfigured.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, error: null };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { status: null, error: `no answer within ${timeoutMs / second} s` };
    return { status: null, error: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

/** Starts sending; the returned function stops it, waiting for the pass under way to record its answers. */
export function startDelivery({ writer, log, schedule: overrides, now = Date.now }: DeliveryDeps): () => Promise<void> {
  const schedule = { ...defaultDeliverySchedule, ...overrides };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let prunedAt = 0;

  const outcome = (row: DueWebhook, answer: Answer, at: number): DeliveryOutcome => {
    const { id, siteId } = row;
    if (delivered(answer)) return { siteId, id, kind: 'delivered', status: answer.status! };
    if (at - row.createdAt >= schedule.giveUpAfterMs) return { siteId, id, kind: 'failed', status: answer.status, error: answer.error };
    return { siteId, id, kind: 'retry', status: answer.status, error: answer.error, nextAt: at + schedule.retryDelay(row.attempts + 1) };
  };

  const pass = async () => {
    while (!stopped) {
      const at = now();
      const rows = await writer.run('claimWebhooks', { now: at, leaseUntil: at + leaseMs(schedule.timeoutMs), limit: schedule.batch });
      if (rows.length === 0) break;
      const unixSeconds = Math.floor(now() / second);
      const answers = await Promise.all(rows.map((row) => post(row, unixSeconds, schedule.timeoutMs)));
      const done = now();
      // A round in which an endpoint answered nothing with a 2xx: from the second in a row it is left
      // alone for a while, so a receiver that is down gets a few probes rather than every change.
      // One change refused on its own says nothing of the receiver (its body may be what it refuses),
      // unless nothing answered at all.
      const rounds = [...new Map(rows.map((row) => [row.endpointId, row.siteId]))].flatMap(([endpointId, siteId]) => {
        const round = answers.filter((_, i) => rows[i]!.endpointId === endpointId);
        if (round.length === 1 && round[0]!.status !== null && !delivered(round[0]!)) return [];
        return [{ siteId, endpointId, answered: round.some(delivered) }];
      });
      const outcomes = rows.map((row, i) => outcome(row, answers[i]!, done));
      const runs = await writer.run('recordDeliveries', { outcomes, rounds, now: done });
      for (const { siteId, endpointId, failures } of runs) {
        if (failures >= 2) await writer.run('holdEndpoint', { siteId, endpointId, until: done + schedule.retryDelay(failures - 1) });
      }
      if (rows.length < schedule.batch) break;
    }
    if (!stopped && now() - prunedAt >= 60 * second) {
      prunedAt = now();
      await writer.run('pruneWebhooks', { before: prunedAt - schedule.keepMs, limit: 1_000 });
    }
  };

  const tick = () => {
    running = pass()
      .catch((error: Error) => log(`webhooks: ${error.message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, schedule.pollMs).unref();
      });
  };
  tick();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
