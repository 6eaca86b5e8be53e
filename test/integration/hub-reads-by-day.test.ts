/**
 * `POST /reads` answers the same on a Postgres hub, whose reads are partitioned by day (migration 5,
 * docs/adr/0028), as on a SQLite hub: one sequence of batches (reads on both sides of a midnight, one
 * from a camera clock years ahead, the same ids sent again with their times moved across the day
 * boundary, a listed plate among them) gives equal `accepted`, `duplicates` and `hits` on both, and a
 * repeated read makes no second alert. Postgres is skipped with a message when not installed (a failure
 * under CI=true).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Read } from '../../src/shared/protocol/index.js';
import { type TestHub, startTestHub } from '../support/hub.js';
import { PostgresCluster, requireServices, scaleOutServices } from '../support/services.js';
import { CHICAGO_POINT } from '../support/zones.js';

const read = (id: string, plate: string, readAt: string): Read => ({
  id, plate, plateState: 'IL', readAt, location: CHICAGO_POINT,
  camera: { id: 'isp-i94-0035', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
});

const BATCHES: Read[][] = [
  [read('d-1', 'DAY0001', '2026-11-29T23:59:59.999Z'), read('d-2', 'DAY0002', '2026-11-30T00:00:00.000Z'), read('d-3', 'DAY0001', '2031-06-01T00:00:00.000Z')],
  // The same ids, their times moved across midnight (and out of the far year), beside two new reads.
  [read('d-1', 'DAY0001', '2026-11-30T00:00:00.001Z'), read('d-2', 'DAY0002', '2026-11-29T12:00:00.000Z'), read('d-3', 'DAY0001', '2026-11-30T10:00:00.000Z'), read('d-4', 'DAY0001', '2026-11-30T10:00:00.000Z'), read('d-5', 'DAY0003', '1999-01-01T00:00:00.000Z')],
  [read('d-4', 'DAY0001', '2026-11-30T10:00:00.000Z'), read('d-5', 'DAY0003', '1999-01-01T00:00:00.000Z')],
];

/** The answers to BATCHES, alert ids left out (the hits by read id, in order). */
async function answers(t: TestHub): Promise<unknown[]> {
  const listed = await t.api('PUT', '/hotlists/ncic', {
    token: t.ingestKey,
    body: { name: 'NCIC vehicle file', source: 'NCIC', downloadedAt: new Date().toISOString(), entries: [{ plate: 'DAY0001', state: 'IL', category: 'stolen', reason: 'Stolen vehicle' }] },
  });
  expect(listed.status, listed.text).toBe(200);
  const out: unknown[] = [];
  for (const reads of BATCHES) {
    const res = await t.api('POST', '/reads', { token: t.ingestKey, body: { reads } });
    expect(res.status, res.text).toBe(202);
    out.push({ ...res.body, hits: (res.body.hits as { readId: string }[]).map((h) => h.readId) });
  }
  return out;
}

const WANT = [
  { accepted: 3, duplicates: 0, hits: ['d-1', 'd-3'] },
  { accepted: 2, duplicates: 3, hits: ['d-4'] },
  { accepted: 0, duplicates: 2, hits: [] },
];

describe('POST /reads over reads by day', { timeout: 120_000 }, () => {
  it('SQLite: the answers the protocol gives', async () => {
    const t = await startTestHub();
    try {
      expect(await answers(t)).toEqual(WANT);
    } finally {
      await t.close();
    }
  });

  const services = scaleOutServices(true);
  describe.skipIf(!services.ok && process.env.CI !== 'true')('Postgres', () => {
    let cluster: PostgresCluster | undefined;
    beforeAll(async () => {
      requireServices(services, 'hub reads by day (Postgres)');
      cluster = await PostgresCluster.start(services.pgBin!);
    });
    afterAll(async () => cluster?.stop());

    it('Postgres (day partitions): the same answers', async () => {
      const t = await startTestHub({ databaseUrl: await cluster!.createDatabase('reads_by_day') });
      try {
        expect(await answers(t)).toEqual(WANT);
      } finally {
        await t.close();
      }
    });
  });
});
