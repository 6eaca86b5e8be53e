/**
 * `npm run adapter:import` (src/adapters/import) against a real hub, run from its command line:
 * a CSV with one bad row posts the others and names the bad line; a JSON file of hits; importing
 * the same file again posts nothing twice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertClient } from '../support/alert-client.js';
import { makeHit } from '../support/hits.js';
import { REPO_ROOT, startTestHub, type TestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';

const CLI = join(REPO_ROOT, 'src/adapters/import/cli.ts');

function runImport(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** An agency's hit export: its own column names, one row with a plate no reader could give. */
const CSV = [
  'HIT_ID,LIC,LIS,READ_TIME,LAT,LON,CAMERA,CAMERA_NAME,CATEGORY,LIST,REASON,OCA',
  'vm-20261130-000101,ABC1234,IL,2026-11-30T03:15:00.000Z,41.8781,-87.6298,isp-i94-0412,"I-94 NB @ 35th St",stolen,NCIC,Stolen vehicle,',
  'vm-20261130-000102,XYZ 987,IN,2026-11-30T03:16:10.000Z,41.6005,-87.3300,isp-i80-0107,"I-80 WB @ Cline Ave",felony,LEADS,"Felony vehicle, armed",2026-00991',
  'vm-20261130-000103,BAD#PLATE,IL,2026-11-30T03:17:00.000Z,41.7000,-87.7000,isp-i55-0220,"I-55 SB @ Pulaski",stolen,NCIC,Stolen vehicle,',
  'vm-20261130-000104,DL4402,WI,2026-11-30T03:18:45.000Z,42.3000,-87.9000,isp-i94-0801,"I-94 @ Russell Rd",amber,NCIC,AMBER Alert,',
  '',
].join('\n');
const MAP = 'id=HIT_ID,plate=LIC,state=LIS,readAt=READ_TIME,lat=LAT,lon=LON,camera.id=CAMERA,camera.name=CAMERA_NAME,category=CATEGORY,source=LIST,reason=REASON,hotlist.caseNumber=OCA';

describe('npm run adapter:import', () => {
  let hub: TestHub;
  let desk: AlertClient;
  let dir: string;

  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'opentas-import-'));
    writeFileSync(join(dir, 'key'), hub.ingestKey);
    writeFileSync(join(dir, 'hits.csv'), CSV);
    const { token } = await hub.signedIn(['trooper']);
    desk = hub.connect({ token });
    await desk.ready();
  });

  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a CSV with one bad row posts the other rows and names the bad line and field', async () => {
    const out = await runImport(['--hub', hub.url, '--ingest-key-file', join(dir, 'key'), '--file', join(dir, 'hits.csv'), '--map', MAP, '--set', 'camera.type=expressway,camera.network=isp']);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stderr).toContain('bad row, line 4: plate: A-Z and 0-9 only, 1 to 10 characters');
    expect(out.stderr).toContain('rows 4/4');
    expect(out.stdout.trim().split('\n').at(-1)).toBe('import: 4 rows, 3 posted (3 new, 0 already on the hub), 1 bad, 0 not sent');
    await waitFor(() => ['vm-20261130-000101', 'vm-20261130-000102', 'vm-20261130-000104'].every((id) => desk.alerts.some((a) => a.alert.id === id)), 'the three good rows on the desk');
    const second = desk.alerts.find((a) => a.alert.id === 'vm-20261130-000102')!.alert.hit;
    expect(second).toMatchObject({ plate: 'XYZ987', plateState: 'IN', camera: { id: 'isp-i80-0107', name: 'I-80 WB @ Cline Ave', type: 'expressway', network: 'isp' }, category: 'felony', hotlist: { source: 'LEADS', plate: 'XYZ987', state: 'UNK', reason: 'Felony vehicle, armed', caseNumber: '2026-00991' } });
    const marker = makeHit();
    expect((await hub.postHit(marker)).status).toBe(202);
    await waitFor(() => desk.alerts.some((a) => a.alert.id === marker.id), 'the marker alert');
    expect(desk.alerts.some((a) => a.alert.id === 'vm-20261130-000103')).toBe(false);

    // The same file again: the hub already has every good row.
    const again = await runImport(['--hub', hub.url, '--ingest-key-file', join(dir, 'key'), '--file', join(dir, 'hits.csv'), '--map', MAP, '--set', 'camera.type=expressway,camera.network=isp']);
    expect(again.stdout.trim().split('\n').at(-1)).toBe('import: 4 rows, 3 posted (0 new, 3 already on the hub), 1 bad, 0 not sent');
  });

  it('a JSON file of whole hits; a bad item named by its number; bad arguments exit 2', async () => {
    const good = makeHit({ id: 'json-import-1' });
    const bad = { ...makeHit({ id: 'json-import-2' }), category: 'parking' };
    writeFileSync(join(dir, 'hits.json'), JSON.stringify({ hits: [good, bad] }));
    const out = await runImport(['--hub', hub.url, '--ingest-key-file', join(dir, 'key'), '--file', join(dir, 'hits.json')]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/bad row, item 2: category: /);
    expect(out.stdout.trim()).toBe('import: 2 rows, 1 posted (1 new, 0 already on the hub), 1 bad, 0 not sent');
    await waitFor(() => desk.alerts.some((a) => a.alert.id === 'json-import-1'), 'the good JSON hit');

    const usage = await runImport(['--hub', hub.url, '--ingest-key-file', join(dir, 'key'), '--file', join(dir, 'hits.csv'), '--map', 'plate=NOPE']);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('adapter:import: the file has no column "NOPE" (its columns: HIT_ID, LIC, LIS, READ_TIME, LAT, LON, CAMERA, CAMERA_NAME, CATEGORY, LIST, REASON, OCA)');
  });
});
