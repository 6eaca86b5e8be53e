/**
 * Graceful stop (issue 16): two hub nodes on one Postgres and one Redis are restarted one after the
 * other with SIGTERM (a rolling restart) while two desks keep acknowledging. Each desk behaves as
 * the desktop outbox does: an event without an answer is sent again after reconnecting, to
 * whichever node is up. Every node exits 0 within its bound; no event is refused on the way (a
 * stopping hub finishes what it was recording and leaves later events unanswered, it never answers
 * "internal"); every event answered ok is in the log with the seq it was answered with, each once,
 * and the chain verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckEvent } from '../../src/shared/protocol/index.js';
import { ackEvent } from '../support/acks.js';
import { AlertClient } from '../support/alert-client.js';
import { CLUSTER_SECRET, HubCluster, SUITE_TIMEOUT_MS, settle } from '../support/hub-cluster.js';
import { runCli, spawnHub } from '../support/hub.js';
import { makeHit } from '../support/hits.js';
import { scaleOutServices } from '../support/services.js';

const run = scaleOutServices().ok || process.env.CI === 'true';
const ALERTS = 40;

/** A desk that resends what was not answered, on a new connection to a node that is up. */
class RollingDesk {
  private client: AlertClient | undefined;
  readonly answered = new Map<string, number>();
  readonly refused: unknown[] = [];
  resends = 0;

  constructor(
    private readonly token: string,
    private readonly clientId: string,
    private readonly liveUrl: () => string,
  ) {}

  private async connected(): Promise<AlertClient> {
    if (this.client?.socket.connected) return this.client;
    this.client?.close();
    for (let attempt = 0; attempt < 100; attempt++) {
      const c = new AlertClient(this.liveUrl(), { token: this.token, clientId: this.clientId });
      try {
        await c.ready();
        this.client = c;
        return c;
      } catch {
        c.close(); // that node went down between the pick and the handshake: pick again
      }
    }
    throw new Error(`${this.clientId}: no node would take the desk`);
  }

  async send(event: AckEvent): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const c = await this.connected();
      try {
        const answer = (await c.socket.timeout(10_000).emitWithAck('ack', event)) as {
          ok: boolean;
          entrySeq?: number;
        };
        if (answer.ok) this.answered.set(event.eventId, answer.entrySeq!);
        else this.refused.push(answer);
        return;
      } catch {
        this.resends++; // no answer (the node is stopping): the outbox keeps it and sends it again
      }
    }
    throw new Error(`${this.clientId}: event ${event.eventId} never answered`);
  }

  close(): void {
    this.client?.close();
  }
}

describe.skipIf(!run)('scale-out: a rolling restart loses no acknowledgement', () => {
  let cluster: HubCluster | undefined;
  beforeAll(async () => {
    cluster = await HubCluster.start('rolling restart');
  }, SUITE_TIMEOUT_MS);
  afterAll(async () => cluster?.stop());

  it(
    'SIGTERM each node in turn while desks acknowledge: exit 0, nothing refused, every answered event logged once',
    async () => {
      const c = cluster!;
      const up = [true, true];
      let turn = 0;
      const liveUrl = (): string => {
        const live = [0, 1].filter((i) => up[i]);
        return c.url(live[turn++ % live.length]!);
      };
      const users = [await c.addUser(['trooper']), await c.addUser(['trooper'])];
      const desks = await Promise.all(
        users.map(async (u, i) => new RollingDesk(await c.token(i, u), `desk-${i}`, liveUrl)),
      );
      const alerts: { id: string; seq: number }[] = [];
      for (let i = 0; i < ALERTS; i++) alerts.push(await c.postHit(i % 2, makeHit({ category: 'stolen' })));

      let sent = 0;
      const acking = desks.map(async (desk) => {
        for (const a of alerts) {
          await desk.send(ackEvent(a.id, 'acknowledged'));
          sent++;
        }
      });
      const codes: (number | null)[] = [];
      for (const node of [0, 1]) {
        await settle(
          () => sent >= (node + 1) * 15 || sent === 2 * ALERTS,
          `desks acknowledging before node ${node} stops`,
        );
        up[node] = false;
        codes.push(await c.nodes[node]!.stop('SIGTERM'));
        c.nodes[node] = await spawnHub(c.nodes[node]!.dataDir, [], {
          DATABASE_URL: c.databaseUrl,
          REDIS_URL: c.redis.url,
          OPENTAS_HUB_SECRET: CLUSTER_SECRET,
        });
        up[node] = true;
      }
      await Promise.all(acking);
      desks.forEach((d) => d.close());
      console.log(
        `rolling restart: ${desks.map((d) => d.resends).join(' + ')} event(s) sent again after a node stopped`,
      );

      expect(codes).toEqual([0, 0]);
      expect(desks.flatMap((d) => d.refused)).toEqual([]);
      const answered = new Map(desks.flatMap((d) => [...d.answered]));
      expect(answered.size).toBe(2 * ALERTS);
      const sup = await c.addUser(['supervisor']);
      const log = await c.api(0, 'GET', '/acks?limit=1000', { token: await c.token(0, sup) });
      const entries = log.body.items as { eventId: string; seq: number }[];
      expect(entries).toHaveLength(2 * ALERTS);
      for (const e of entries) expect(answered.get(e.eventId), e.eventId).toBe(e.seq);
      const verify = await runCli(['audit', 'verify', '--data', '/unused'], { DATABASE_URL: c.databaseUrl });
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(new RegExp(`^ok: ${2 * ALERTS} entries`));
    },
    SUITE_TIMEOUT_MS * 2,
  );
});
