import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import { PASSWORD, startTestClient, startTestHub, stopTestClient, waitFor, type TestClient, type TestHub } from '../support/client-harness.js';

describe('client against a real hub', () => {
  let hub: TestHub;
  let client: TestClient;

  beforeEach(async () => {
    hub = await startTestHub();
    client = await startTestClient(hub.hub.url);
  });

  afterEach(async () => {
    await stopTestClient(client);
    await hub.close();
  });

  it('signs in, keeps tokens in the vault only, receives an alert once', async () => {
    const signIn = await client.app.handlers['session:signIn']({ username: 'trooper1', password: PASSWORD });
    expect(signIn.ok).toBe(true);
    expect(JSON.stringify(signIn)).not.toMatch(/token/i);
    expect(client.vault.secrets.get('refresh-token')).toBeTruthy();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'connected');

    const hit = makeHit({ category: 'stolen' });
    await hub.post(hit);
    await hub.post(hit); // the same id again: the hub answers duplicate
    await waitFor(() => client.events.some((e) => e.channel === 'alerts:alert'), 'the alert event');
    const list = await client.app.handlers['alerts:list'](undefined);
    expect(list.locked).toBe(false);
    expect(list.items.filter((i) => 'alert' in i && i.alert.id === hit.id)).toHaveLength(1);
    // The notification stays in the OS notification centre, outside the lock: the camera, never the plate.
    expect(client.notifier.shown).toEqual([{ alertId: hit.id, category: 'stolen', locked: false, camera: hit.camera.name }]);
    expect(JSON.stringify(client.notifier.shown)).not.toContain(hit.plate);
    expect(client.popup.shown).toEqual([hit.id]);

    // A click on it brings the popup up on that alert.
    client.app.openAlert(hit.id);
    expect(client.popup.shown).toEqual([hit.id, hit.id]);
    expect(client.events.filter((e) => e.channel === 'alerts:open').map((e) => e.payload)).toEqual([{ alertId: hit.id }]);
  });

  it('locks: lists categories only, notifies "unlock to view", and unlocks only with the password the hub accepts', async () => {
    await client.app.handlers['session:signIn']({ username: 'trooper1', password: PASSWORD });
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'connected');
    client.idle.goIdle();
    expect((await client.app.handlers['session:state'](undefined)).locked).toBe(true);
    const hit = makeHit({ category: 'felony' });
    await hub.post(hit);
    await waitFor(() => client.notifier.shown.length === 1, 'the notification');
    expect(client.notifier.shown[0]).toEqual({ alertId: hit.id, category: 'felony', locked: true });
    const locked = await client.app.handlers['alerts:list'](undefined);
    expect(locked.locked).toBe(true);
    expect(JSON.stringify(locked)).not.toContain(hit.plate);
    expect(await client.app.handlers['ack:send']({ alertId: hit.id, type: 'acknowledged' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await client.app.handlers['session:unlock']({ password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect((await client.app.handlers['session:state'](undefined)).locked).toBe(true);
    expect(await client.app.handlers['session:unlock']({ password: PASSWORD })).toEqual({ ok: true });
    const open = await client.app.handlers['alerts:list'](undefined);
    expect(open.locked).toBe(false);
    expect(JSON.stringify(open)).toContain(hit.plate);
  });

  it('signs out: tokens leave the vault, the link stops, the list is empty', async () => {
    await client.app.handlers['session:signIn']({ username: 'trooper1', password: PASSWORD });
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state === 'connected', 'connected');
    expect(await client.app.handlers['session:signOut'](undefined)).toEqual({ ok: true });
    expect(client.vault.secrets.has('refresh-token')).toBe(false);
    expect((await client.app.handlers['link:presence'](undefined)).state).toBe('signed_out');
    expect((await client.app.handlers['alerts:list'](undefined)).items).toEqual([]);
  });
});
