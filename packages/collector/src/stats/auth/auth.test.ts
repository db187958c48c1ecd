import { describe, expect, it } from 'vitest';
import { checkAdminPassword, ensureAdminPassword } from './password.js';
import { newSession, sessionHash, sessionOf } from './sessions.js';
import { localWriter } from '../../engine/commands.js';
import { testStore } from '../../testing/backend.js';

describe('admin password', () => {
  it('is made once on first start, kept as a scrypt hash, and replaced by one from the environment', async () => {
    const store = await testStore();
    const made = await ensureAdminPassword(store, undefined);
    expect(made).toMatch(/^[\w-]{16}$/);
    expect(await store.settings.get('admin_password')).toMatch(/^scrypt\$/);
    expect(await store.settings.get('admin_password')).not.toContain(made!);
    expect(await ensureAdminPassword(store, undefined)).toBeNull();
    expect(await checkAdminPassword(store, made!)).toBe(true);
    expect(await checkAdminPassword(store, 'wrong')).toBe(false);
    const { token, command } = newSession(1_000);
    await localWriter(store).run('signIn', command);
    await ensureAdminPassword(store, 'from the environment');
    expect(await checkAdminPassword(store, made!)).toBe(false);
    expect(await checkAdminPassword(store, 'from the environment')).toBe(true);
    expect(await sessionOf(store, token, 2_000)).toBeUndefined(); // a new password signs everyone out
  });
});

describe('sessions', () => {
  it('last their lifetime and end on sign-out', async () => {
    const store = await testStore();
    const writer = localWriter(store);
    const { token, command } = newSession(0);
    await writer.run('signIn', command);
    expect(await sessionOf(store, token, 1)).toEqual({ csrfToken: command.csrfToken, expiresAt: command.expiresAt });
    expect(await sessionOf(store, token, command.expiresAt)).toBeUndefined();
    expect(await sessionOf(store, 'guess', 1)).toBeUndefined();
    await writer.run('signOut', { tokenHash: sessionHash(token) });
    expect(await sessionOf(store, token, 1)).toBeUndefined();
  });
});
