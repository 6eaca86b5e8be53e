/**
 * docs/protocol.md#accounts-sessions-and-keys-v11 ("sessions end for real"), against a real hub: the lockout counts failures sent at
 * the same moment; a token is good only while its session is active (an unknown session id is
 * refused); ended sessions close their sockets with `session_ended` {reason}; a socket ends when
 * its access token expires unless it sent `reauth` with a newer token of the same session (the
 * hub's clock is moved, not waited for); `opentas-hub user disable` on the data folder of a
 * running hub ends the user's socket within 5 seconds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../src/backend/auth/access-tokens.js';
import { hubKeysFrom } from '../../src/backend/auth/hub-keys.js';
import { HubTestClock } from '../support/hub-clock.js';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';

const MIN = 60_000;

describe('sessions end for real (1.1)', () => {
  let t: TestHub;
  let clock: HubTestClock;

  beforeAll(async () => {
    clock = new HubTestClock();
    // The race test sends 121 sign-ins for one username: the per-username rate limit (20 per 15
    // minutes by default) would answer 429 before the lockout is what is measured.
    t = await startTestHub({ clock, rateLimits: { perUsername: { max: 1000, windowMs: 60_000 } } });
  });
  afterAll(async () => t.close());

  it('counts 40 wrong passwords sent at once: exactly 5 answer 401, the rest and the right password 423', async () => {
    const user = await t.addUser(['trooper']);
    const wrong = { username: user.username, password: 'Wrong-Password-1' };
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(Array.from({ length: 40 }, () => t.api('POST', '/session', { body: wrong })));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 423)).toHaveLength(115);
    const right = await t.api('POST', '/session', { body: { username: user.username, password: user.password } });
    expect(right.status).toBe(423);
    expect(right.body.error.retryAfter).toBeGreaterThan(0);
  });

  it('refuses a well-signed token whose session id the hub never issued (allow-list), on HTTP and on the stream', async () => {
    const user = await t.addUser(['trooper']);
    const forger = new AccessTokens(hubKeysFrom({ dataDir: t.dataDir }).signing, clock);
    const forged = await forger.issue({ userId: user.id, username: user.username, roles: ['trooper'], sessionId: randomUUID() });
    const res = await t.api('GET', '/policy', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(await t.connect({ token: forged }).refused()).toBe('unauthorized');
    // The same forger with a real session id is accepted: the key is right, only the session was missing.
    const real = await t.login(user);
    const sid = JSON.parse(Buffer.from(real.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    const good = await forger.issue({ userId: user.id, username: user.username, roles: ['trooper'], sessionId: sid });
    expect((await t.api('GET', '/policy', { token: good })).status).toBe(200);
  });

  it('ends the socket of a signed-out session with session_ended {reason: revoked}', async () => {
    const s = await t.login(await t.addUser(['trooper']));
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    expect((await t.api('DELETE', '/session', { token: s.accessToken })).status).toBe(204);
    expect(await desk.ended()).toBe('revoked');
  });

  it('ends a socket whose access token expired without reauth (expired); one that sent reauth with a newer token stays', async () => {
    const user = await t.addUser(['trooper']);
    const first = await t.login(user);
    const kept = t.connect({ token: first.accessToken, clientId: 'desk-kept' });
    const control = t.connect({ token: first.accessToken, clientId: 'desk-control' });
    await Promise.all([kept.ready(), control.ready()]);
    clock.advance(10 * MIN);
    const refreshed = await t.api('POST', '/session/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(await kept.reauth(refreshed.body.accessToken)).toEqual({ ok: true });
    clock.advance(5 * MIN + 1000); // the first token has expired; the refreshed one has 10 minutes left
    // The control socket ending proves the session watch has looked at every socket since the move.
    expect(await control.ended()).toBe('expired');
    expect(kept.socket.connected).toBe(true);
    // `expired` ends the socket, not the session: the refreshed token still works.
    expect((await t.api('GET', '/policy', { token: refreshed.body.accessToken })).status).toBe(200);
    clock.advance(10 * MIN);
    expect(await kept.ended()).toBe('expired');
  });

  it('refuses reauth with a token of another session, a malformed token, or no token', async () => {
    const user = await t.addUser(['trooper']);
    const a = await t.login(user);
    const b = await t.login(user);
    const desk = t.connect({ token: a.accessToken });
    await desk.ready();
    expect(await desk.reauth(b.accessToken)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await desk.reauth('not-a-token')).toMatchObject({ ok: false });
    expect(await desk.socket.timeout(10_000).emitWithAck('reauth', 42)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(desk.socket.connected).toBe(true);
  });

  it('a lockout ends the user\'s sockets (locked) and refresh tokens', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    for (let i = 0; i < 5; i++) await t.api('POST', '/session', { body: { username: user.username, password: 'Wrong-Password-1' } });
    expect(await desk.ended()).toBe('locked');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    expect((await t.api('GET', '/policy', { token: s.accessToken })).status).toBe(401);
  });

  it('a certification that lapses while the desk is connected ends its session (certification_expired)', async () => {
    const user = await t.addUser(['trooper'], { leadsCertifiedUntil: new Date(clock.now().getTime() + 10 * MIN).toISOString() });
    const s = await t.login(user);
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    clock.advance(11 * MIN);
    expect(await desk.ended()).toBe('certification_expired');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
  });

  it('opentas-hub user disable on a running hub\'s data folder ends the user\'s socket within 5 seconds', async () => {
    const user = await t.addUser(['trooper']);
    const s = await t.login(user);
    const desk = t.connect({ token: s.accessToken });
    await desk.ready();
    const cli = await runCli(['user', 'disable', '--data', t.dataDir, '--username', user.username]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(await desk.ended(5_000)).toBe('disabled');
    expect((await t.api('POST', '/session/refresh', { body: { refreshToken: s.refreshToken } })).status).toBe(401);
    const again = await t.api('POST', '/session', { body: { username: user.username, password: user.password } });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('account_disabled');
  });
});
