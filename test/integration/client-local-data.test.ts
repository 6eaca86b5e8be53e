/**
 * Deleting a user's local data (issue 14), against a real hub: on request (the Settings button's
 * channel) the user's folder and key are gone and the user is signed out, but never while an
 * acknowledgement is still unsent; when the hub disables the account the data goes too, except
 * unsent acknowledgements, which stay sealed for if the account is enabled again.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { userKeyAccount } from '../../src/main/services/sealing-key.js';
import { userDataDir } from '../../src/main/services/user-desk.js';
import { makeHit } from '../support/hits.js';
import { startProxiedClient, waitFor, type ProxiedClient, type TestClient } from '../support/client-harness.js';

const ADMIN = { username: 'admin1', password: 'Admin-Password-2026-x' };

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

async function state(client: TestClient) {
  return client.app.handlers['session:state'](undefined);
}

async function view(client: TestClient, id: string) {
  const list = await client.app.handlers['alerts:list'](undefined);
  return list.locked ? undefined : list.items.find((a) => a.alert.id === id);
}

describe('client: deleting a user\'s local data', () => {
  let desk: ProxiedClient | undefined;
  afterEach(async () => {
    await desk?.close();
    desk = undefined;
  });

  async function offlineWithUnsentAck(d: ProxiedClient): Promise<void> {
    const hit = makeHit();
    await d.hub.post(hit);
    await waitFor(() => view(d.client, hit.id), 'the alert');
    d.proxy.mode = 'refuse';
    d.proxy.cutAll();
    await waitFor(async () => (await d.client.app.handlers['link:presence'](undefined)).state !== 'connected', 'offline');
    expect(await d.client.app.handlers['ack:send']({ alertId: hit.id, type: 'acknowledged' })).toMatchObject({ ok: true });
  }

  it('deletes the folder and the key and signs out; refuses, with the count, while an ack is unsent', async () => {
    desk = await startProxiedClient();
    const { client } = desk;
    const user = (await state(client)).user!;
    const folder = userDataDir(client.dataDir, user.id);
    expect(await exists(join(folder, 'inbox.log'))).toBe(true);
    expect(client.vault.secrets.has(userKeyAccount(user.id))).toBe(true);

    await offlineWithUnsentAck(desk);
    const refused = await client.app.handlers['localData:delete'](undefined);
    expect(refused).toMatchObject({ ok: false, unsent: 1, error: { code: 'acks_pending' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^1 acknowledgement has not reached the hub yet\. Nothing was deleted/);
    expect((await state(client)).signedIn).toBe(true);
    expect(await exists(join(folder, 'outbox.log'))).toBe(true);
    expect(client.vault.secrets.has(userKeyAccount(user.id))).toBe(true);

    desk.proxy.mode = 'forward';
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'back online');
    await waitFor(async () => {
      const list = await client.app.handlers['alerts:list'](undefined);
      return !list.locked && list.items.every((a) => a.pending.length === 0);
    }, 'the ack to reach the hub');

    expect(await client.app.handlers['localData:delete'](undefined)).toEqual({ ok: true });
    expect(await state(client)).toMatchObject({ signedIn: false, ended: 'local_data_deleted' });
    expect(await exists(folder)).toBe(false);
    expect(client.vault.secrets.has(userKeyAccount(user.id))).toBe(false);
    expect(client.logger.lines.some((l) => l.message.includes('deleted this user\'s inbox, outbox and key'))).toBe(true);
    // Signed out, there is nothing to delete: a clear answer, nothing changed.
    expect(await client.app.handlers['localData:delete'](undefined)).toMatchObject({ ok: false, error: { code: 'signed_out' } });
  });

  it('on session_ended disabled, deletes the user\'s folder and key', async () => {
    desk = await startProxiedClient();
    const { client, hub } = desk;
    await hub.hub.admin.addUser({ ...ADMIN, roles: ['admin'], unit: null });
    const user = (await state(client)).user!;
    const folder = userDataDir(client.dataDir, user.id);
    const hit = makeHit();
    await hub.post(hit);
    await waitFor(() => view(client, hit.id), 'the alert');
    const login = await fetch(`${hub.hub.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(`${hub.hub.url}/api/v1/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    await waitFor(async () => (await state(client)).ended === 'disabled', 'the desk to hear of the disabling', 10_000);
    await waitFor(async () => !(await exists(folder)), 'the folder deleted');
    expect(client.vault.secrets.has(userKeyAccount(user.id))).toBe(false);
  });
});
