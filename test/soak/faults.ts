/**
 * The soak's four faults, fired one at a time in an order drawn from the seed (each kind once per
 * round of four, so a short run fires every kind):
 *   hub-kill        SIGKILL a hub node (its desks reconnect to the other), start it again
 *   redis-restart   SIGKILL Redis by PID, start it again on the same port
 *   cut-desks       cut every connection of one front: 10% of the fleet's desks
 *   desk-kill       SIGKILL a whole-client desk process with an ack in its outbox, start it again
 */
import type { Random } from '../../src/shared/seeded-random.js';
import type { AckDesk, OutboxKill } from './ack-desks.js';
import type { SoakCluster } from './cluster.js';
import type { HubFigures } from './hub-figures.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';

export const FAULT_KINDS = ['hub-kill', 'redis-restart', 'cut-desks', 'desk-kill'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export class FaultPlan {
  private round: FaultKind[] = [];
  private hubTurn = 0;
  private deskTurn = 0;
  readonly fired: Record<FaultKind, number> = { 'hub-kill': 0, 'redis-restart': 0, 'cut-desks': 0, 'desk-kill': 0 };
  /** Desk connections cut by cut-desks. */
  cutConnections = 0;

  constructor(
    private readonly random: Random,
    private readonly cluster: SoakCluster,
    /** The fleet's fronts, each carrying a tenth of the desks. */
    private readonly deskFronts: TcpProxy[],
    private readonly ackDesks: AckDesk[],
    private readonly figures: HubFigures,
    private readonly stored: (eventId: string) => Promise<boolean>,
  ) {}

  /** Fires the next fault; resolves with a line saying what it did, once the faulted part is back. */
  async fire(): Promise<string> {
    if (this.round.length === 0) this.round = shuffle([...FAULT_KINDS], this.random);
    const kind = this.round.shift()!;
    const said = await this.run(kind);
    if (said === undefined) return `${kind}: no desk process had an alert to acknowledge yet, nothing killed`;
    this.fired[kind]++;
    return `${kind}: ${said}`;
  }

  private async run(kind: FaultKind): Promise<string | undefined> {
    switch (kind) {
      case 'hub-kill': {
        const node = this.hubTurn++ % 2;
        await this.figures.beforeKill(this.cluster.nodeUrl(node)!);
        const t0 = Date.now();
        await this.cluster.killNode(node);
        await this.cluster.startNode(node);
        return `node ${node} SIGKILLed, listening again after ${((Date.now() - t0) / 1000).toFixed(1)} s`;
      }
      case 'redis-restart': {
        const t0 = Date.now();
        await this.cluster.redis.kill();
        await this.cluster.redis.restart();
        return `Redis SIGKILLed, accepting again after ${((Date.now() - t0) / 1000).toFixed(1)} s on port ${this.cluster.redis.port}`;
      }
      case 'cut-desks': {
        const front = this.deskFronts[Math.floor(this.random() * this.deskFronts.length)]!;
        const before = front.cuts;
        front.cutAll();
        this.cutConnections += front.cuts - before;
        return `${front.cuts - before} desk connections cut at front :${front.port}`;
      }
      case 'desk-kill': {
        const how: OutboxKill = this.deskTurn % 2 === 0 ? 'link-down' : 'answer-lost';
        for (let k = 0; k < this.ackDesks.length; k++) {
          const desk = this.ackDesks[this.deskTurn++ % this.ackDesks.length]!;
          const said = await desk.killWithAckInOutbox(how, this.stored);
          if (said) return `${desk.user.username} SIGKILLed with an ack in its outbox (${how}: ${said}), started again`;
        }
        return undefined;
      }
    }
  }
}

function shuffle<T>(list: T[], random: Random): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
