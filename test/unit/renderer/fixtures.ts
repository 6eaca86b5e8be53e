/** AlertViews for the renderer's model tests. */
import type { AlertView, PendingAck } from '../../../src/shared/ipc.js';
import type { AckEntry, Category, Hit } from '../../../src/shared/protocol/index.js';

let n = 0;

export function view(category: Category, readAt: string, extra: { trail?: Partial<AckEntry>[]; pending?: PendingAck[]; plate?: string } = {}): AlertView {
  n += 1;
  const hit: Hit = {
    id: `hit-${n}`,
    plate: extra.plate ?? `ABC${1000 + n}`,
    plateState: 'IL',
    readAt,
    location: { lat: 41.8349, lon: -87.6251 },
    heading: 90,
    camera: { id: 'cam-1', name: 'I-94 NB @ 35th St', type: 'expressway', network: 'isp' },
    category,
    hotlist: { source: 'NCIC', plate: extra.plate ?? `ABC${1000 + n}`, state: 'IL', reason: 'test' },
  };
  const trail = (extra.trail ?? []).map(
    (e, i): AckEntry => ({
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      alertId: hit.id,
      type: 'acknowledged',
      at: readAt,
      seq: i + 1,
      userId: 'u-me',
      username: 'me',
      clientId: 'desk-1',
      serverAt: readAt,
      prevHash: '0'.repeat(64),
      hash: '1'.repeat(64),
      ...e,
    }),
  );
  return { seq: n, alert: { id: hit.id, hit, ingestedAt: readAt }, receivedAt: readAt, trail, pending: extra.pending ?? [] };
}
