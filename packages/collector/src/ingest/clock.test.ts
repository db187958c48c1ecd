import { describe, expect, it } from 'vitest';
import { eventTime, maxAgeMs, maxFutureMs } from './clock.js';

const receivedAt = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('eventTime', () => {
  it('keeps a believable client time', () => {
    expect(eventTime(receivedAt - 5_000, receivedAt)).toBe(receivedAt - 5_000);
    expect(eventTime(receivedAt - 3 * 86_400_000, receivedAt)).toBe(receivedAt - 3 * 86_400_000);
  });

  it('removes the client clock skew measured by sent_at', () => {
    const skew = 3_600_000; // the phone runs an hour fast
    const happened = receivedAt - 10_000;
    expect(eventTime(happened + skew, receivedAt, receivedAt + skew)).toBe(happened);
  });

  it('replaces absurd times with the time the server received the event', () => {
    expect(eventTime(receivedAt + maxFutureMs + 1, receivedAt)).toBe(receivedAt);
    expect(eventTime(receivedAt - maxAgeMs - 1, receivedAt)).toBe(receivedAt);
    expect(eventTime(0, receivedAt)).toBe(receivedAt);
  });

  it('never puts an event after its arrival', () => {
    expect(eventTime(receivedAt + 30_000, receivedAt)).toBe(receivedAt);
  });
});
