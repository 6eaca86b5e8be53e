/**
 * The soak's whole-client desks: the client app in a process of its own (test/support/client-child.ts:
 * real sign-in, durable encrypted Inbox and ack outbox on disk), each behind its own front. They
 * acknowledge alerts they received, one now and then, and remember every event the client accepted
 * (`ack:send` answered ok: it is in the outbox). The "kill a desk process with an ack in its outbox"
 * fault SIGKILLs one right after it queued an ack the hub has not confirmed, either
 *   - while its link is down (the ack never left), or
 *   - while the hub hears it but it hears nothing back (the hub stored it, the answer is lost),
 * as test/integration/client-process-kill.test.ts does, then starts it again on the same data folder.
 * Every accepted event must end in the log exactly once.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Presence } from '../../src/shared/ipc.js';
import type { TcpProxy } from '../fakes/tcp-proxy.js';
import { ClientChild } from '../support/client-child.js';
import { waitFor } from '../support/wait.js';
import type { DeskSpec } from '../bench/support/fleet-protocol.js';

export type OutboxKill = 'link-down' | 'answer-lost';

export class AckDesk {
  private child: ClientChild | undefined;
  /** Alerts this desk has shown, over its restarts. */
  private readonly received = new Set<string>();
  private readonly acked = new Set<string>();
  /** Event ids the client accepted into its outbox. */
  readonly accepted: string[] = [];
  kills = 0;
  private busy = false;

  private constructor(
    readonly user: DeskSpec,
    readonly front: TcpProxy,
    private readonly dataDir: string,
  ) {}

  static async open(user: DeskSpec, front: TcpProxy, workDir: string): Promise<AckDesk> {
    const desk = new AckDesk(user, front, mkdtempSync(join(workDir, `ack-desk-${user.index}-`)));
    desk.child = await ClientChild.start(front.url, desk.dataDir);
    const signIn = (await desk.child.call('session:signIn', { username: user.username, password: user.password })) as { ok: boolean };
    if (!signIn.ok) throw new Error(`${user.username} could not sign in: ${JSON.stringify(signIn)}`);
    await waitFor(() => desk.connected(), `${user.username} to connect`, 60_000);
    return desk;
  }

  connected(): boolean {
    return (this.child?.events('link:presence').at(-1) as Presence | undefined)?.state === 'connected';
  }

  private note(): void {
    for (const p of this.child?.events('alerts:alert') ?? []) {
      const id = (p as { alert?: { id: string } }).alert?.id;
      if (id) this.received.add(id);
    }
  }

  /** The newest alert not acknowledged yet, as a trooper works (the desk keeps its 200 newest at hand). */
  private nextToAck(): string | undefined {
    this.note();
    const ids = [...this.received];
    for (let i = ids.length - 1; i >= 0; i--) if (!this.acked.has(ids[i]!)) return ids[i];
    return undefined;
  }

  private async send(alertId: string): Promise<string | undefined> {
    this.acked.add(alertId);
    const answer = (await this.child!.call('ack:send', { alertId, type: 'acknowledged' })) as { ok: boolean; eventId?: string };
    if (!answer.ok || !answer.eventId) throw new Error(`${this.user.username}: ack:send refused ${alertId}: ${JSON.stringify(answer)}`);
    this.accepted.push(answer.eventId);
    return answer.eventId;
  }

  /** Acknowledges one alert it has not acknowledged yet (none when it has none, or a fault holds it). */
  async ackOne(): Promise<void> {
    if (this.busy || !this.child) return;
    const id = this.nextToAck();
    if (!id) return;
    this.busy = true;
    try {
      await this.send(id);
    } finally {
      this.busy = false;
    }
  }

  /**
   * The fault: queue an ack the hub will not confirm, SIGKILL the process, start it again on the same
   * folder. `stored(eventId)` says whether the hub has the event (the 'answer-lost' case waits for it).
   * Says whether the hub had stored the event at the kill; undefined when the desk has nothing to
   * acknowledge yet (the caller picks another desk).
   */
  async killWithAckInOutbox(how: OutboxKill, stored: (eventId: string) => Promise<boolean>): Promise<string | undefined> {
    if (this.busy || !this.child || !this.nextToAck()) return undefined;
    this.busy = true;
    try {
      let eventId: string;
      if (how === 'link-down') {
        this.front.mode = 'refuse';
        this.front.cutAll();
        await waitFor(() => !this.connected(), `${this.user.username} to lose its link`, 60_000);
        eventId = (await this.send(this.nextToAck()!))!;
      } else {
        this.front.mode = 'oneway'; // the hub hears the desk; the desk hears nothing
        eventId = (await this.send(this.nextToAck()!))!;
        // Stored by the hub, answer lost; if the link was down at that moment the ack waits in the outbox: a fault all the same.
        await waitFor(() => stored(eventId), `the hub to store ${eventId}`, 15_000).catch(() => undefined);
      }
      const storedAtKill = await stored(eventId);
      this.note();
      await this.child.kill();
      this.kills++;
      this.child = undefined;
      this.front.mode = 'forward';
      this.front.cutAll();
      this.child = await ClientChild.start(this.front.url, this.dataDir);
      return storedAtKill ? 'the hub had stored it, its answer lost' : 'the hub did not have it';
    } finally {
      this.front.mode = 'forward';
      this.busy = false;
    }
  }

  async close(): Promise<void> {
    await this.child?.kill();
  }
}
