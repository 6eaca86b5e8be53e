/**
 * The renderer keeps its list from the events alone (alerts:alert, alerts:changed, alerts:trimmed,
 * src/renderer/model/alertList.ts). After a burst it must hold exactly what the desk lists. Before,
 * the desk told the renderer to trim only when `older` moved since the last trim: when several
 * alerts were stored before the first of them was announced, one trim covered them all and the
 * alerts announced after it stayed in the renderer's list for good (the ui-burst bench: 216 in the
 * popup's queue against the desk's 200).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertView, EventPayload } from '../../src/shared/ipc.js';
import { replaceAlert, trimAlerts, upsertAlert, type AlertLists } from '../../src/renderer/model/alertList.js';
import { makeHit } from '../support/hits.js';
import { listEveryAlert, startProxiedClient, waitFor, type ProxiedClient } from '../support/client-harness.js';

const KEPT = 5;
const BURST = 60;
const ROUNDS = 3;

/** What the renderer holds after applying the events, in order, from an empty list. */
function replay(events: { channel: string; payload: unknown }[]): AlertLists {
  let lists: AlertLists = { alerts: [], locked: [], older: null };
  for (const { channel, payload } of events) {
    if (channel === 'alerts:alert') lists = upsertAlert(lists, payload as AlertView) ?? lists;
    else if (channel === 'alerts:changed') {
      const { view } = payload as EventPayload<'alerts:changed'>;
      if (view) lists = replaceAlert(lists, view);
    } else if (channel === 'alerts:trimmed') {
      const { keep, older } = payload as EventPayload<'alerts:trimmed'>;
      lists = trimAlerts(lists, keep, older);
    }
  }
  return lists;
}

describe('the renderer list kept from the events after a burst', () => {
  let rig: ProxiedClient;

  beforeEach(async () => {
    rig = await startProxiedClient({ inboxMemoryLimit: KEPT });
  });

  afterEach(() => rig.close());

  it('holds exactly the alerts the desk lists, newest first, with the same older start', async () => {
    const { hub, client } = rig;
    for (let round = 1; round <= ROUNDS; round++) {
      // All at once: the desk receives them back to back and stores several before announcing the first.
      await Promise.all(Array.from({ length: BURST }, () => hub.post(makeHit())));
      await waitFor(async () => (await listEveryAlert(client))?.length === BURST * round, `every alert of burst ${round} at the desk`);
      const desk = await client.app.handlers['alerts:list'](undefined);
      if (desk.locked) throw new Error('the desk is locked');
      const kept = replay(client.events);
      expect(kept.alerts.map((v) => v.alert.id), `after burst ${round}`).toEqual(desk.items.map((v) => v.alert.id));
      expect(kept.older).toBe(desk.older);
    }
  });
});
