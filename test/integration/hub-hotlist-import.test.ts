/**
 * `opentas-hub hotlist import` (issue 11), the real CLI against the data folder of a running hub: a
 * CSV extract with its own column names (quoted commas, a field over two lines, a plate with a dash)
 * is stored whole with progress on stderr, and the running hub matches reads against it once it has
 * noticed the new version; a file with a bad row stores nothing unless --skip-bad; bad arguments are
 * one line and exit 2.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Read } from '../../src/shared/protocol/index.js';
import { type TestHub, runCli, startTestHub } from '../support/hub.js';
import { waitFor } from '../support/wait.js';
import { CHICAGO_POINT } from '../support/zones.js';

const ROWS = 120_000;
let serial = 0;
const read = (plate: string, plateState = 'IL'): Read => ({
  id: `import-read-${process.pid}-${++serial}`, plate, plateState, readAt: '2026-11-30T03:15:00.000Z', location: CHICAGO_POINT,
  camera: { id: 'cam-1', name: 'I-55 @ Clear Lake', type: 'stationary', network: 'isp' },
});

describe('opentas-hub hotlist import', { timeout: 300_000 }, () => {
  let t: TestHub;
  let admin: string;
  const dir = mkdtempSync(join(tmpdir(), 'opentas-import-'));
  const csv = join(dir, 'ncic.csv');
  const args = (file: string, ...more: string[]): string[] => [
    'hotlist', 'import', '--data', t.dataDir, '--file', file, '--source', 'NCIC', '--id', 'ncic', '--name', 'NCIC vehicle file',
    '--map', 'plate=LIC,state=LIS,reason=MIS,entryId=NIC', '--category', 'stolen', ...more,
  ];
  const lists = async () => (await t.api('GET', '/hotlists', { token: admin })).body.items;

  beforeAll(async () => {
    t = await startTestHub();
    admin = (await t.signedIn(['admin'])).token;
    const lines = ['NIC,LIC,LIS,MIS,NOTE', 'V0000001,ABC-123,il,"Stolen vehicle, keys taken",plain', 'V0000002,QRS987,WI,"Stolen plate","two', 'lines"'];
    for (let i = 3; i <= ROWS; i += 1) lines.push(`V${String(i).padStart(7, '0')},P${i.toString(36).toUpperCase()},IL,Stolen vehicle,`);
    writeFileSync(csv, `${lines.join('\r\n')}\r\n`);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the file whole with progress, and the running hub then matches reads against it', async () => {
    const r = await runCli(args(csv));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`imported ${ROWS} entries into hot list ncic (NCIC), version 1`);
    expect(r.stderr).toMatch(/^read 100000 rows \(\d+%\)$/m);
    expect(r.stderr).toMatch(new RegExp(`^read ${ROWS} rows \\(100%\\): ${ROWS} entries, 0 bad$`, 'm'));
    expect(await lists()).toEqual([expect.objectContaining({ id: 'ncic', name: 'NCIC vehicle file', source: 'NCIC', entries: ROWS, stale: false })]);
    // The hub notices the new version at a batch of reads and loads it beside the old (empty) one.
    const hit = await waitFor(async () => {
      const res = await t.api('POST', '/reads', { token: t.ingestKey, body: { reads: [read('ABC123'), read('QRS987', 'WI')] } });
      return res.body.hits.length === 2 ? res.body.hits : undefined;
    }, 'the running hub to match against the imported list');
    const alert = await t.hub.store.alerts.byId(hit[0].alertId);
    expect(alert?.alert.hit.hotlist).toEqual({ source: 'NCIC', plate: 'ABC123', state: 'IL', reason: 'Stolen vehicle, keys taken', entryId: 'V0000001' });
    expect((await t.hub.store.alerts.byId(hit[1].alertId))?.alert.hit.hotlist.reason).toBe('Stolen plate');
  });

  it('a file with a bad row stores nothing (exit 1, the row named), unless --skip-bad', async () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'NIC,LIC,LIS,MIS\nV1,GOOD1,IL,Stolen\nV2,BAD*1,IL,Stolen\nV3,GOOD2,IL,Stolen\n');
    const before = await lists();
    const refused = await runCli(args(broken));
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim()).toBe('nothing imported: 1 bad row(s) (fix them, or --skip-bad to import the 2 good ones)');
    expect(refused.stderr).toMatch(/^line 3: plate: /m);
    expect(await lists()).toEqual(before);
    const skipped = await runCli(args(broken, '--skip-bad'));
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout.trim()).toBe('imported 2 entries into hot list ncic (NCIC), version 2; skipped 1 bad row(s)');
  });

  it('bad arguments: one line, exit 2, nothing stored', async () => {
    const before = await lists();
    const cases: [string[], RegExp][] = [
      [['hotlist', 'import', '--data', t.dataDir, '--file', csv, '--source', 'NCIC', '--id', 'ncic', '--category', 'stolen', '--reason', 'x'], /--map is required/],
      [args(csv).map((a) => (a === 'plate=LIC,state=LIS,reason=MIS,entryId=NIC' ? 'plate=PLATE,state=LIS,reason=MIS' : a)), /the file has no column "PLATE"/],
      [args(csv).map((a) => (a === 'NCIC' ? 'FBI' : a)), /--source must be one of/],
      [args(csv).map((a) => (a === 'stolen' ? 'speeding' : a)), /give --category/],
      [args(join(dir, 'missing.csv')), /cannot read --file/],
      [args(csv).map((a) => (a === 'ncic' ? 'local' : a)), /--id: /],
    ];
    for (const [argv, line] of cases) {
      const r = await runCli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toEqual([expect.stringMatching(line)]);
    }
    expect(await lists()).toEqual(before);
  });
});
