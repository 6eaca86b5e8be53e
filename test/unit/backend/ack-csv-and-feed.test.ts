/** The CSV export's quoting and the alert feed's window, without a server. */
import { describe, expect, it } from 'vitest';
import { ACK_CSV_COLUMNS, ackCsvHeader, ackCsvRow } from '../../../src/backend/acks/ack-csv.js';
import { AlertFeed } from '../../../src/backend/alerts/alert-feed.js';
import { openSqliteStore } from '../../../src/backend/store/sqlite/index.js';
import { generateHit, seededRandom } from '../../../src/backend/simulator/hit-generator.js';
import type { AckEntry } from '../../../src/shared/protocol/index.js';

const entry: AckEntry = {
  eventId: '4f0c1c4e-0000-4000-8000-000000000001', alertId: 'vm-1', type: 'action_taken', at: '2026-11-28T03:15:04.120Z',
  action: { kind: 'stop', caseNumber: '=HYPERLINK("http://x")', note: 'said "hi", left\nquickly' },
  seq: 3, userId: 'u-1', username: 'trooper1', clientId: 'desk', serverAt: '2026-11-28T03:15:05.000Z',
  prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
};

describe('ack CSV', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    const row = ackCsvRow({ ...entry, category: 'felony', plate: 'ABC1234', plateState: 'IL', unit: 'Troop 3' });
    expect(ackCsvHeader().split(',')).toEqual([...ACK_CSV_COLUMNS]);
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('"said ""hi"", left\nquickly"');
    expect(row.startsWith('3,2026-11-28T03:15:05.000Z,2026-11-28T03:15:04.120Z,vm-1,felony,action_taken,u-1,trooper1,desk,')).toBe(true);
    expect(row.endsWith(',ABC1234,IL,Troop 3')).toBe(true);
  });
});

describe('AlertFeed', () => {
  it('serves recent alerts from its window and older ones from the store, in seq order', async () => {
    const store = openSqliteStore(undefined);
    const rnd = seededRandom(3);
    const now = new Date('2026-11-28T03:00:00.000Z');
    const early = [];
    for (let i = 0; i < 5; i++) early.push(await store.alerts.ingest(generateHit(rnd, now, i, false), now.toISOString()));
    const feed = new AlertFeed(store.alerts);
    const seen: number[] = [];
    feed.onAlert((a) => seen.push(a.seq));
    for (let i = 5; i < 8; i++) {
      const r = await store.alerts.ingest(generateHit(rnd, now, i, false), now.toISOString());
      feed.publish({ seq: r.seq, alert: r.alert });
    }
    expect(seen).toEqual([6, 7, 8]);
    expect((await feed.after(0, 100)).map((a) => a.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await feed.after(6, 100)).map((a) => a.seq)).toEqual([7, 8]);
    expect((await feed.after(2, 2)).map((a) => a.seq)).toEqual([3, 4]);
    expect(await feed.after(8, 100)).toEqual([]);
    expect(early[0]?.seq).toBe(1);
    await store.close();
  });
});
