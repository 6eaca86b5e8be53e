/**
 * docs/protocol.md 1.1 "Domains" against a real hub (port 0, SQLite) and real Socket.IO desks: motor-carrier
 * reads match only motor-carrier lists, their alerts reach only motor-carrier users, and those users receive
 * nothing else, mandatory and statewide categories included. The same holds where an alert can be read
 * after delivery (GET /alerts/:id, GET /alerts, the Troop view, an evidence export) and for the list
 * freshness every user sees (GET /hotlists).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEnvelope, HotlistUpload, Read } from '../../src/shared/protocol/index.js';
import type { AlertClient } from '../support/alert-client.js';
import { makeHit } from '../support/hits.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO_POINT } from '../support/zones.js';

let serial = 0;
function read(plate: string, overrides: Partial<Read> = {}): Read {
  serial++;
  return {
    id: `domain-read-${process.pid}-${serial}`,
    plate,
    plateState: 'IL',
    readAt: new Date().toISOString(),
    location: CHICAGO_POINT,
    camera: { id: 'isp-weigh-07', name: 'I-55 weigh station @ Lake Springfield', type: 'stationary', network: 'isp' },
    ...overrides,
  };
}

const list = (source: HotlistUpload['source'], domain: HotlistUpload['domain'], plates: string[]): HotlistUpload => ({
  name: `${source} list`,
  source,
  domain,
  downloadedAt: new Date().toISOString(),
  entries: plates.map((plate) => ({ plate, state: 'IL', category: 'felony', reason: `${source} entry` })),
});

describe('docs/protocol.md 1.1 domains: motor-carrier data is kept apart', () => {
  let t: TestHub;
  let admin: string;
  let general: { desk: AlertClient; token: string };
  let carrier: { desk: AlertClient; token: string };
  let generalSupervisor: string;
  let carrierSupervisor: string;
  let generalDispatcher: string;
  const ids: { carrierAlert: string; generalAlert: string; amber: string } = { carrierAlert: '', generalAlert: '', amber: '' };

  const postReads = (reads: Read[]) => t.api('POST', '/reads', { token: t.ingestKey, body: { reads } });
  const idsOn = (desk: AlertClient): string[] => desk.alerts.map((a: AlertEnvelope) => a.alert.id);

  beforeAll(async () => {
    t = await startTestHub();
    admin = (await t.signedIn(['admin'])).token;
    generalSupervisor = (await t.signedIn(['supervisor'])).token;
    carrierSupervisor = (await t.signedIn(['supervisor'], { domain: 'motor_carrier' })).token;
    generalDispatcher = (await t.signedIn(['dispatcher'])).token;
    const g = await t.signedIn(['trooper']);
    const m = await t.signedIn(['trooper'], { domain: 'motor_carrier' });
    general = { desk: t.connect({ token: g.token, clientId: 'desk-general' }), token: g.token };
    carrier = { desk: t.connect({ token: m.token, clientId: 'desk-cveb' }), token: m.token };
    await general.desk.ready();
    await carrier.desk.ready();
    for (const [id, body] of [
      ['ncic', list('NCIC', 'general', ['ABC1234', 'MC4321'])],
      ['dot', list('DOT', 'motor_carrier', ['MC4321', 'TRK0001'])],
    ] as const) {
      const put = await t.api('PUT', `/hotlists/${id}`, { token: t.ingestKey, body });
      expect(put.status, put.text).toBe(200);
    }

    // A motor-carrier read of a plate on both lists matches the DOT list only; a general read of the same
    // plate matches the NCIC list only; a statewide AMBER hit from a vendor is general data.
    const carrierRead = read('MC4321', { domain: 'motor_carrier' });
    const generalRead = read('MC4321');
    const res = await postReads([carrierRead, generalRead]);
    expect(res.status, res.text).toBe(202);
    expect(res.body.hits).toHaveLength(2);
    ids.carrierAlert = res.body.hits.find((h: { readId: string }) => h.readId === carrierRead.id).alertId;
    ids.generalAlert = res.body.hits.find((h: { readId: string }) => h.readId === generalRead.id).alertId;
    const amber = makeHit({ category: 'amber' });
    expect((await t.postHit(amber)).status).toBe(202);
    ids.amber = amber.id;

    // Markers after everything above: a desk that has its own marker has been offered all of it (one stream, in order).
    const carrierMarker = read('TRK0001', { domain: 'motor_carrier' });
    const generalMarker = makeHit({ category: 'stolen' });
    expect((await postReads([carrierMarker])).body.hits).toHaveLength(1);
    expect((await t.postHit(generalMarker)).status).toBe(202);
    await waitFor(() => general.desk.alerts.some((a) => a.alert.id === generalMarker.id), 'the general marker');
    await waitFor(() => carrier.desk.alerts.some((a) => a.alert.hit.readId === carrierMarker.id), 'the motor-carrier marker');
  });
  afterAll(async () => t.close());

  it('a motor-carrier read matches only the motor-carrier list, and says so on the alert', async () => {
    const alert = carrier.desk.alerts.find((a) => a.alert.id === ids.carrierAlert)?.alert;
    expect(alert?.hit).toMatchObject({ domain: 'motor_carrier', hotlist: { source: 'DOT' } });
    const generalHit = general.desk.alerts.find((a) => a.alert.id === ids.generalAlert)?.alert.hit;
    expect(generalHit?.hotlist.source).toBe('NCIC');
    expect(generalHit?.domain).toBeUndefined();
  });

  it('motor-carrier alerts reach only motor-carrier desks, and those receive nothing else (not even AMBER)', () => {
    expect(idsOn(carrier.desk)).toContain(ids.carrierAlert);
    expect(idsOn(carrier.desk)).not.toContain(ids.generalAlert);
    expect(idsOn(carrier.desk)).not.toContain(ids.amber);
    expect(carrier.desk.alerts.every((a) => a.alert.hit.domain === 'motor_carrier')).toBe(true);

    expect(idsOn(general.desk)).toEqual(expect.arrayContaining([ids.generalAlert, ids.amber]));
    expect(general.desk.alerts.some((a) => a.alert.hit.domain === 'motor_carrier')).toBe(false);
  });

  it('a replay after reconnecting keeps the domains apart', async () => {
    const again = t.connect({ token: carrier.token, clientId: 'desk-cveb-2', resumeFrom: 0 });
    const marker = read('TRK0001', { domain: 'motor_carrier' });
    await again.ready();
    expect((await postReads([marker])).body.hits).toHaveLength(1);
    await waitFor(() => again.alerts.some((a) => a.alert.hit.readId === marker.id), 'the replayed desk to reach the new marker');
    expect(idsOn(again)).toContain(ids.carrierAlert);
    expect(again.alerts.every((a) => a.alert.hit.domain === 'motor_carrier')).toBe(true);
  });

  it('a supervisor reads and exports only alerts of their own domain', async () => {
    expect((await t.api('GET', `/alerts/${ids.carrierAlert}`, { token: carrierSupervisor })).status).toBe(200);
    const refused = await t.api('GET', `/alerts/${ids.carrierAlert}`, { token: generalSupervisor });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('another data domain');
    expect((await t.api('GET', `/alerts/${ids.amber}`, { token: carrierSupervisor })).status).toBe(403);
    expect((await t.api('GET', `/alerts/${ids.amber}`, { token: generalSupervisor })).status).toBe(200);

    const exportBody = { purpose: 'Motor carrier inspection follow-up', caseNumber: 'CVEB-2026-0042', recipient: { agency: 'Illinois State Police', state: 'IL' } };
    expect((await t.api('POST', `/alerts/${ids.carrierAlert}/exports`, { token: generalSupervisor, body: exportBody })).status).toBe(403);
    const made = await t.api('POST', `/alerts/${ids.carrierAlert}/exports`, { token: carrierSupervisor, body: exportBody });
    expect(made.status, made.text).toBe(201);
    // Made by a motor-carrier supervisor, the package is still not for a general supervisor.
    expect((await t.api('GET', `/exports/${made.body.id}`, { token: generalSupervisor })).status).toBe(403);
    expect((await t.api('GET', `/exports/${made.body.id}`, { token: carrierSupervisor })).status).toBe(200);
  });

  it('the alert list and the Troop view hold only the caller’s domain', async () => {
    const listOf = async (token: string): Promise<string[]> => {
      const res = await t.api('GET', '/alerts?limit=200', { token });
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((a: { id: string }) => a.id);
    };
    expect(await listOf(generalDispatcher)).toEqual(expect.arrayContaining([ids.generalAlert, ids.amber]));
    expect(await listOf(generalDispatcher)).not.toContain(ids.carrierAlert);
    const carrierList = await listOf(carrierSupervisor);
    expect(carrierList).toContain(ids.carrierAlert);
    expect(carrierList).not.toContain(ids.amber);

    const troopOf = async (token: string): Promise<string[]> => {
      const res = await t.api('GET', '/troop/alerts', { token });
      expect(res.status, res.text).toBe(200);
      return res.body.items.map((i: { alert: { id: string } }) => i.alert.id);
    };
    const generalTroop = await troopOf(generalDispatcher);
    expect(generalTroop).toContain(ids.generalAlert);
    expect(generalTroop).not.toContain(ids.carrierAlert);
    const carrierTroop = await troopOf(carrierSupervisor);
    expect(carrierTroop).toContain(ids.carrierAlert);
    expect(carrierTroop).not.toContain(ids.generalAlert);
  });

  it('a user moved to the motor-carrier domain is signed out, and afterwards receives motor-carrier alerts only', async () => {
    const moved = await t.signedIn(['trooper']);
    const before = t.connect({ token: moved.token, clientId: 'desk-moved' });
    await before.ready();
    // A general alert first, so the hub has routed this user as a general one before the move.
    const general = makeHit({ category: 'stolen' });
    expect((await t.postHit(general)).status).toBe(202);
    await waitFor(() => before.alerts.some((a) => a.alert.id === general.id), 'the general alert before the move');
    const patch = await t.api('PATCH', `/users/${moved.user.id}`, { token: admin, body: { domain: 'motor_carrier' } });
    expect(patch.status, patch.text).toBe(200);
    expect(await before.ended(5_000)).toBe('revoked');
    const tokens = await t.login(moved.user);
    expect(tokens.user.domain).toBe('motor_carrier');
    const after = t.connect({ token: tokens.accessToken, clientId: 'desk-moved-2' });
    await after.ready();
    const amber = makeHit({ category: 'amber' });
    expect((await t.postHit(amber)).status).toBe(202);
    const marker = read('TRK0001', { domain: 'motor_carrier' });
    expect((await postReads([marker])).body.hits).toHaveLength(1);
    await waitFor(() => after.alerts.some((a) => a.alert.hit.readId === marker.id), 'the motor-carrier marker on the moved desk');
    expect(after.alerts.map((a) => a.alert.id)).not.toContain(amber.id);
  });

  it('each user sees the freshness of their own domain’s lists; an admin sees every list', async () => {
    const listsOf = async (token: string): Promise<string[]> => (await t.api('GET', '/hotlists', { token })).body.items.map((l: { id: string }) => l.id).sort();
    expect(await listsOf(general.token)).toEqual(['ncic']);
    expect(await listsOf(carrier.token)).toEqual(['dot']);
    expect(await listsOf(admin)).toEqual(['dot', 'ncic']);
  });
});
