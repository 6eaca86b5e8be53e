/**
 * The stream refuses an expired access token with `token_expired`: the client refreshes it with
 * its refresh token (from the vault) and reconnects, and nothing is missed meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHit } from '../support/hits.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';
import { startProxiedClient, waitFor, type ProxiedClient, type TestClient, type TestHub } from '../support/client-harness.js';
import { HubTestClock } from '../support/hub-clock.js';

describe('client access token expiry', () => {
  let clock: HubTestClock;
  let hub: TestHub;
  let proxy: TcpProxy;
  let client: TestClient;
  let rig: ProxiedClient;

  beforeEach(async () => {
    clock = new HubTestClock();
    rig = await startProxiedClient({ hub: { clock } });
    ({ hub, proxy, client } = rig);
  });

  afterEach(() => rig.close());

  it('refreshes on token_expired and reconnects, receiving what was ingested meanwhile', async () => {
    const refreshBefore = client.vault.secrets.get('refresh-token');
    proxy.mode = 'refuse';
    proxy.cutAll();
    await waitFor(async () => (await client.app.handlers['link:presence'](undefined)).state !== 'connected', 'the link to drop');
    clock.advance(60 * 60_000); // the 15-minute access token is long expired; the refresh token is not
    const hit = makeHit();
    await hub.post(hit);
    proxy.mode = 'forward';

    await waitFor(async () => (await client.app.handlers['alerts:list'](undefined)).items.some((i) => 'alert' in i && i.alert.id === hit.id), 'the alert after the refresh');
    expect(client.vault.secrets.get('refresh-token')).not.toBe(refreshBefore);
    expect((await client.app.handlers['session:state'](undefined)).signedIn).toBe(true);
  });
});
