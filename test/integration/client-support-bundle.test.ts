/**
 * The support bundle of a desk that has signed in, received and acknowledged alerts and lost its
 * hub once: versions, settings, the connection history, the recent problems of the log file and
 * the counts, and never a plate, a name, a token or a key (ENF-051 V.D; CJI stays at the desk).
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src/backend/server.js';
import { startWebHost, type WebHost } from '../../src/webhost/web-host.js';
import { LOG_FILE } from '../../src/main/adapters/rotating-file-log.js';
import { makeHit } from '../support/hits.js';
import { removeDir, tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';
import { DESK_PASSWORD } from '../support/passwords.js';

const TROOPER = { username: 'tpr.bundle', password: DESK_PASSWORD, displayName: 'Tpr. Robin Bundlewick' };

describe('support bundle', () => {
  let hub: RunningHub | undefined;
  let host: WebHost | undefined;
  let dir = '';

  afterEach(async () => {
    await host?.close();
    await hub?.close();
    await removeDir(dir);
  });

  it('describes the desk without a plate, a name, a token or a key', async () => {
    dir = await tempDir();
    hub = await startHub({ port: 0, dataDir: join(dir, 'hub') });
    await hub.admin.addUser({ ...TROOPER, roles: ['trooper'], unit: 'Troop 3' });
    const ingestKey = await hub.admin.addIngestKey('bundle-adapter');
    host = await startWebHost({ hubUrl: hub.url, dataDir: join(dir, 'desk'), port: 0 });
    const h = host.app.handlers;
    expect((await h['session:signIn']({ username: TROOPER.username, password: TROOPER.password })).ok).toBe(true);
    await waitFor(async () => (await h['link:presence'](undefined)).state === 'connected', 'connected');

    const plates = ['BNDL001', 'BNDL002', 'BNDL003'];
    for (const plate of plates) {
      const res = await fetch(`${hub.url}/api/v1/hits`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(makeHit({ category: 'stolen', plate })),
      });
      expect(res.status).toBe(202);
    }
    await waitFor(async () => (await h['alerts:list'](undefined)).items.length === 3, 'three alerts');
    const first = (await h['alerts:list'](undefined)).items[0]!;
    expect('alert' in first && (await h['ack:send']({ alertId: first.alert.id, type: 'acknowledged' })).ok).toBe(true);
    await waitFor(async () => (await h['alerts:list'](undefined)).items.some((v) => 'trail' in v && v.trail.length === 1 && v.pending.length === 0), 'the ack stored');

    // The hub goes away and comes back on the same port: the history has a drop and a reconnect.
    const { port } = new URL(hub.url);
    await hub.close();
    await waitFor(async () => (await h['link:presence'](undefined)).state !== 'connected', 'the drop');
    hub = await startHub({ port: Number(port), dataDir: join(dir, 'hub') });
    await waitFor(async () => (await h['link:presence'](undefined)).state === 'connected', 'connected again', 30_000);

    // A careless log line (as a future change might write one): its CJI must not reach the bundle.
    appendFileSync(join(dir, 'desk', 'logs', LOG_FILE), JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: `odd read ${plates[1]} for ${TROOPER.username}`, plate: plates[2], user: TROOPER.displayName }) + '\n');

    const bundle = await h['support:bundle'](undefined);
    expect(bundle.fileName).toMatch(/^opentas-support-\d{4}-\d{2}-\d{2}\.json$/);
    const text = bundle.json;
    for (const secret of [...plates, TROOPER.username, TROOPER.displayName, TROOPER.password, ingestKey]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
    const parsed = JSON.parse(text) as {
      versions: Record<string, string>;
      settings: { hubUrl: string };
      connection: { state: string; latencyMs?: { samples: number; min: number; median: number; max: number } }[];
      desk: Record<string, number>;
      problems: Record<string, unknown>[];
    };
    expect(parsed.versions).toMatchObject({ host: 'browser host', node: process.versions.node, os: expect.any(String) });
    expect(parsed.settings.hubUrl).toBe(hub.url);
    expect(parsed.connection.map((c) => c.state)).toEqual(expect.arrayContaining(['connected', 'offline']));
    // Round trips of the heartbeat's pings, per connection: the first one confirmed three receipts at least.
    const firstConnection = parsed.connection.find((c) => c.state === 'connected');
    expect(firstConnection?.latencyMs?.samples).toBeGreaterThanOrEqual(1);
    const { min, median, max } = firstConnection!.latencyMs!;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(min).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(max);
    for (const c of parsed.connection) if (c.state !== 'connected') expect(c).not.toHaveProperty('latencyMs');
    console.log(`support bundle: first connection round trips ${JSON.stringify(firstConnection!.latencyMs)} ms`);
    expect(parsed.desk).toMatchObject({ alertsInMemory: 3, unsentAcks: 0, refusedAcks: 0 });
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems.at(-1)).toMatchObject({ level: 'warn', msg: 'odd read [removed] for [removed]' });
    expect(parsed.problems.at(-1)).not.toHaveProperty('plate');
    console.log(`support bundle: ${text.length} bytes, ${parsed.connection.length} connection states, ${parsed.problems.length} problems`);
  });
});
