/**
 * The AckOutbox: every acknowledgement event is written durably (a SealedLog) before it is sent,
 * carries a UUID (the hub's idempotency key), and is resent in order until the hub answers, across
 * restarts. A refusal is kept and shown, never retried; an accepted event leaves the outbox.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AckEvent, type AckResult } from '../../shared/protocol/index.js';
import { IpcError, type AckRequest, type PendingAck } from '../../shared/ipc.js';
import { SealedLog, type OpenReport } from './sealed-log.js';
import type { Clock, Logger, TimerHandle } from './ports.js';

const OutboxRecord = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('add'), event: AckEvent }),
  z.strictObject({ t: z.literal('done'), eventId: z.string(), entrySeq: z.number().int().positive() }),
  z.strictObject({ t: z.literal('refused'), eventId: z.string(), error: IpcError }),
]);
type OutboxRecord = z.infer<typeof OutboxRecord>;

/** Sends one event to the hub; throws when it cannot get an answer (offline, timeout). */
export interface AckSender {
  sendAck(event: AckEvent): Promise<AckResult>;
}

interface Item {
  event: AckEvent;
  attempts: number;
  refused?: IpcError;
}

export interface AckOutboxOptions {
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class AckOutbox {
  private readonly items = new Map<string, Item>();
  private readonly listeners = new Set<(alertId: string) => void>();
  private readonly acceptedListeners = new Set<(alertId: string, entrySeq: number) => void>();
  private log: SealedLog<OutboxRecord>;
  private sender: AckSender | null = null;
  private flushing: Promise<void> | null = null;
  private again = false;
  private retryTimer: TimerHandle | null = null;
  private retryDelay: number;
  private closed = false;

  constructor(
    path: string,
    key: Buffer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: AckOutboxOptions = {},
  ) {
    this.retryDelay = options.retryMinMs ?? 1000;
    this.log = new SealedLog<OutboxRecord>(path, key, 'outbox', (raw) => {
      const parsed = OutboxRecord.safeParse(raw);
      return parsed.success ? parsed.data : null;
    }, logger, clock);
  }

  async open(): Promise<OpenReport> {
    const done = new Set<string>();
    const report = await this.log.open((record) => {
      if (record.t === 'add') this.items.set(record.event.eventId, { event: record.event, attempts: 0 });
      else if (record.t === 'done') done.add(record.eventId);
      else {
        const item = this.items.get(record.eventId);
        if (item) item.refused = record.error;
      }
    });
    for (const id of done) this.items.delete(id);
    if (done.size > 0) await this.log.transform((r) => (this.items.has(r.t === 'add' ? r.event.eventId : r.eventId) ? r : null));
    if (this.items.size > 0) this.logger.info('outbox: acknowledgements waiting from a previous run', { count: this.unsent().length });
    return report;
  }

  /** Who sends events; null while the link is down. Setting one starts a flush. */
  setSender(sender: AckSender | null): void {
    this.sender = sender;
    if (sender) {
      this.retryDelay = this.options.retryMinMs ?? 1000;
      void this.flush();
    }
  }

  /** Records an event durably, then tries to send it. Resolves once it is on disk. */
  async enqueue(request: AckRequest): Promise<AckEvent> {
    const event: AckEvent = AckEvent.parse({ eventId: randomUUID(), at: new Date(this.clock.now()).toISOString(), ...request });
    await this.log.append({ t: 'add', event });
    this.items.set(event.eventId, { event, attempts: 0 });
    this.changed(event.alertId);
    void this.flush();
    return event;
  }

  /** Events not yet answered (and refusals), for AlertView.pending. */
  pendingFor(alertId: string): PendingAck[] {
    const out: PendingAck[] = [];
    for (const { event, attempts, refused } of this.items.values()) {
      if (event.alertId !== alertId) continue;
      out.push({ eventId: event.eventId, alertId, type: event.type, at: event.at, attempts, ...(refused ? { refused } : {}) });
    }
    return out;
  }

  counts(): { unsent: number; refused: number } {
    let refused = 0;
    for (const i of this.items.values()) if (i.refused) refused++;
    return { unsent: this.items.size - refused, refused };
  }

  unsent(): AckEvent[] {
    return [...this.items.values()].filter((i) => !i.refused).map((i) => i.event);
  }

  onChange(listener: (alertId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when the hub accepted an event, with the seq of the entry it stored. */
  onAccepted(listener: (alertId: string, entrySeq: number) => void): () => void {
    this.acceptedListeners.add(listener);
    return () => this.acceptedListeners.delete(listener);
  }

  /** Sends every unsent event in order, one at a time (the hub enforces the trail's order). */
  flush(): Promise<void> {
    this.again = true;
    this.flushing ??= this.runFlush();
    return this.flushing;
  }

  private async runFlush(): Promise<void> {
    await Promise.resolve(); // so `flushing` is assigned before the finally below can clear it
    try {
      // `again` is checked and `flushing` cleared in one synchronous step: no request is lost.
      while (this.again && !this.closed) {
        this.again = false;
        await this.sendAll();
      }
    } finally {
      this.flushing = null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    await this.flushing?.catch(() => undefined);
    await this.log.close();
  }

  private async sendAll(): Promise<void> {
    for (const event of this.unsent()) {
      const sender = this.sender;
      if (!sender || this.closed) return;
      const item = this.items.get(event.eventId);
      if (!item) continue;
      item.attempts++;
      let result: AckResult;
      try {
        result = await sender.sendAck(event);
      } catch (err) {
        this.logger.warn('outbox: send failed, will retry', { eventId: event.eventId, reason: (err as Error).message });
        this.changed(event.alertId);
        this.scheduleRetry();
        return;
      }
      if (result.ok) {
        await this.log.append({ t: 'done', eventId: event.eventId, entrySeq: result.entrySeq });
        this.items.delete(event.eventId);
        for (const listener of this.acceptedListeners) listener(event.alertId, result.entrySeq);
      } else {
        await this.log.append({ t: 'refused', eventId: event.eventId, error: result.error });
        item.refused = result.error;
        this.logger.warn('outbox: the hub refused an acknowledgement', { eventId: event.eventId, code: result.error.code });
      }
      this.changed(event.alertId);
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMaxMs ?? 30_000);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }

  private changed(alertId: string): void {
    for (const listener of this.listeners) listener(alertId);
  }
}
