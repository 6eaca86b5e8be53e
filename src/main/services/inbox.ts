/**
 * The Inbox: every alert the link received, kept once by id, sealed at rest, crash-safe (a
 * SealedLog). In memory it holds only the ids it has seen (for deduplication), the highest seq
 * stored (the resume point) and the most recent alerts the UI shows, so memory stays bounded
 * however long the desk runs. Older alerts are never gone: `older()` reads them back from disk a
 * page at a time, by their place in arrival order. Detection images are purged once past the
 * policy's retention, and whole alerts (with their trails) once both their read and their arrival
 * are past it: a local cache of criminal-justice information does not outlive the record's rules.
 */
import { z } from 'zod';
import { AckEntry, Alert } from '../../shared/protocol/index.js';
import type { AlertEnvelope } from '../../shared/protocol/index.js';
import { retentionDaysFor, shortestRetentionDays, type Retention } from '../../shared/retention.js';
import { SealedLog, type OpenReport } from './sealed-log.js';
import type { Clock, Logger } from './ports.js';

const AlertRecord = z.strictObject({
  t: z.literal('alert'),
  seq: z.number().int().positive(),
  alert: Alert,
  receivedAt: z.string(),
  hidden: z.boolean().optional(),
});
const TrailRecord = z.strictObject({ t: z.literal('trail'), entry: AckEntry });
/** The resume point, kept when the alert that carried it expired (so the hub does not replay older ones). */
const SeqMark = z.strictObject({ t: z.literal('mark'), seq: z.number().int().positive() });
const InboxRecord = z.discriminatedUnion('t', [AlertRecord, TrailRecord, SeqMark]);
type AlertRecord = z.infer<typeof AlertRecord>;
type InboxRecord = z.infer<typeof InboxRecord>;

/** An alert as the Inbox keeps it in memory: the record plus its trail. */
export interface StoredAlert {
  seq: number;
  alert: Alert;
  receivedAt: string;
  trail: AckEntry[];
}

/** A page of alerts older than the ones in memory, and where the next older page starts. */
export interface OlderAlerts {
  /** Newest first. */
  items: StoredAlert[];
  /** The `before` of the next older page; null when this page reaches the first alert. */
  older: number | null;
}

export interface InboxOptions {
  /** How many recent alerts stay in memory for the UI. */
  memoryLimit?: number;
}

const DAY_MS = 86_400_000;

export class Inbox {
  private readonly seen = new Set<string>();
  /** Alerts being written: a second delivery of one waits for it before counting as stored. */
  private readonly storing = new Map<string, Promise<void>>();
  /** Recent visible alerts, oldest first; at most memoryLimit. */
  private recent: StoredAlert[] = [];
  private readonly byId = new Map<string, StoredAlert>();
  /** Every visible alert's id in arrival order: a page's place (`before`) stays put as alerts arrive. */
  private readonly order: string[] = [];
  private headSeq = 0;
  /** The oldest read time of a stored alert that still has images: a purge before it has nothing to do. */
  private oldestImageAt = Infinity;
  /** The oldest max(read, arrival) of a stored alert: an expiry before it has nothing to do. */
  private oldestAt = Infinity;
  /** Set after records were lost to corruption: resume from the hub's window until it is replayed. */
  private replayUntil = 0;
  private readonly memoryLimit: number;
  private log: SealedLog<InboxRecord>;

  constructor(
    path: string,
    key: Buffer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: InboxOptions = {},
  ) {
    this.memoryLimit = options.memoryLimit ?? 200;
    this.log = new SealedLog<InboxRecord>(path, key, 'inbox', parseRecord, logger, clock);
  }

  async open(): Promise<OpenReport> {
    const trails = new Map<string, AckEntry[]>();
    const report = await this.log.open((record) => this.load(record, trails));
    this.attachTrails(trails);
    if (report.corrupt > 0) {
      // What was unreadable may be alerts: have the hub replay its window, duplicates are dropped.
      this.replayUntil = this.headSeq;
      this.logger.warn('inbox: asking the hub to replay its window to recover unreadable alerts');
    }
    this.logger.info('inbox: opened', { alerts: this.seen.size, headSeq: this.headSeq, corrupt: report.corrupt });
    return report;
  }

  /** The highest seq stored durably: where the link resumes from. */
  highestSeq(): number {
    return this.replayUntil > 0 ? 0 : this.headSeq;
  }

  has(alertId: string): boolean {
    return this.seen.has(alertId);
  }

  /**
   * Stores an alert durably unless its id is already kept. `hidden` marks one the client filter
   * rejected: stored (so it is received once and the resume point moves on) but never shown.
   */
  async store(envelope: AlertEnvelope, hidden = false): Promise<{ duplicate: boolean; stored?: StoredAlert }> {
    if (this.replayUntil > 0 && envelope.seq >= this.replayUntil) this.replayUntil = 0;
    if (this.seen.has(envelope.alert.id)) return { duplicate: true };
    const inFlight = this.storing.get(envelope.alert.id);
    if (inFlight) {
      await inFlight; // so its receipt, too, is answered only once the alert is on disk
      return { duplicate: true };
    }
    const record: AlertRecord = {
      t: 'alert',
      seq: envelope.seq,
      alert: envelope.alert,
      receivedAt: new Date(this.clock.now()).toISOString(),
      ...(hidden ? { hidden: true } : {}),
    };
    // Two deliveries of one id may overlap: the second is a duplicate as soon as the first starts.
    const append = this.log.append(record);
    this.storing.set(envelope.alert.id, append);
    try {
      await append;
    } finally {
      this.storing.delete(envelope.alert.id);
    }
    return { duplicate: false, stored: this.remember(record) };
  }

  /** Adds a hub trail entry to its alert (once per entry seq). False when nothing changed. */
  async addTrail(entry: AckEntry): Promise<boolean> {
    if (!this.seen.has(entry.alertId)) return false;
    const stored = this.byId.get(entry.alertId);
    if (stored?.trail.some((e) => e.seq === entry.seq)) return false;
    await this.log.append({ t: 'trail', entry });
    if (stored) addEntry(stored.trail, entry);
    return true;
  }

  /** The recent visible alerts, newest first. */
  list(): StoredAlert[] {
    return [...this.recent].reverse();
  }

  get(alertId: string): StoredAlert | undefined {
    return this.byId.get(alertId);
  }

  /**
   * One visible alert with its trail: from memory when it is among the recent ones, else read back from
   * disk. An alert past the recent ones is still the trooper's to acknowledge and verify (the console
   * lists it under "Show older alerts").
   */
  async find(alertId: string): Promise<StoredAlert | undefined> {
    const recent = this.byId.get(alertId);
    if (recent) return recent;
    const at = this.order.lastIndexOf(alertId);
    return at < 0 ? undefined : (await this.older(at + 1, 1)).items[0];
  }

  /** Where the alerts older than `list()` start (the `before` of `older`); null when there are none. */
  olderStart(): number | null {
    const start = this.order.length - this.recent.length;
    return start > 0 ? start : null;
  }

  /** Up to `limit` visible alerts that arrived before the `before`-th one, newest first, with their trails, read from disk. */
  async older(before: number, limit: number): Promise<OlderAlerts> {
    const end = Math.min(Math.max(0, before), this.order.length);
    const start = Math.max(0, end - limit);
    const wanted = new Map<string, StoredAlert | null>(this.order.slice(start, end).map((id) => [id, null]));
    const trails = new Map<string, AckEntry[]>();
    await this.log.read((record) => {
      if (record.t === 'trail') {
        if (!wanted.has(record.entry.alertId)) return;
        const list = trails.get(record.entry.alertId) ?? [];
        addEntry(list, record.entry);
        trails.set(record.entry.alertId, list);
      } else if (record.t === 'alert' && wanted.get(record.alert.id) === null) {
        wanted.set(record.alert.id, { seq: record.seq, alert: record.alert, receivedAt: record.receivedAt, trail: [] });
      }
    });
    const items: StoredAlert[] = [];
    for (const id of this.order.slice(start, end).reverse()) {
      const stored = wanted.get(id);
      // In memory already (a page that overlaps the recent ones), or read back from disk.
      const current = this.byId.get(id) ?? (stored ? { ...stored, trail: trails.get(id) ?? [] } : undefined);
      if (current) items.push(current);
    }
    return { items, older: start > 0 ? start : null };
  }

  /** Drops detection images older than the retention (by the read's time) from disk and memory. */
  async purgeImages(retentionDays: number): Promise<number> {
    const cutoff = this.clock.now() - retentionDays * DAY_MS;
    if (this.oldestImageAt >= cutoff) return 0; // nothing old enough: no rewrite
    const expired = (alert: Alert): boolean => alert.hit.images !== undefined && Date.parse(alert.hit.readAt) < cutoff;
    let oldestKept = Infinity;
    const { changed } = await this.log.transform((record) => {
      if (record.t !== 'alert') return record;
      if (expired(record.alert)) return { ...record, alert: withoutImages(record.alert) };
      if (record.alert.hit.images) oldestKept = Math.min(oldestKept, Date.parse(record.alert.hit.readAt));
      return record;
    });
    this.oldestImageAt = oldestKept;
    for (const stored of this.recent) if (expired(stored.alert)) stored.alert = withoutImages(stored.alert);
    if (changed > 0) this.logger.info('inbox: purged detection images past retention', { purged: changed, retentionDays });
    return changed;
  }

  /**
   * Drops every alert (and its trail) whose read and arrival are both past the retention of its
   * camera network, from disk and memory; returns how many. By both: an alert that arrived late
   * stays its full term on the desk, and one still inside the hub's replay window is never dropped
   * only to come back as new. The resume point is kept.
   */
  async expire(retention: Retention): Promise<number> {
    const now = this.clock.now();
    if (this.oldestAt >= now - shortestRetentionDays(retention) * DAY_MS) return 0; // nothing can be due: no rewrite
    const due = (r: AlertRecord): boolean =>
      Math.max(Date.parse(r.alert.hit.readAt), Date.parse(r.receivedAt)) < now - retentionDaysFor(retention, r.alert.hit.camera.network) * DAY_MS;
    const dropped = new Set<string>();
    let keptHead = false;
    await this.log.transform((record) => {
      if (record.t === 'mark') return null; // written again below when still needed
      if (record.t === 'trail') return dropped.has(record.entry.alertId) ? null : record;
      if (due(record)) {
        dropped.add(record.alert.id);
        return null;
      }
      if (record.seq === this.headSeq) keptHead = true;
      return record;
    });
    if (dropped.size === 0) return 0;
    const head = this.headSeq;
    if (!keptHead && head > 0) await this.log.append({ t: 'mark', seq: head });
    // Memory is rebuilt from what is left (the recent alerts, the arrival order, the oldest times).
    this.seen.clear();
    this.byId.clear();
    this.recent = [];
    this.order.length = 0;
    this.oldestImageAt = Infinity;
    this.oldestAt = Infinity;
    const trails = new Map<string, AckEntry[]>();
    await this.log.read((record) => this.load(record, trails));
    this.attachTrails(trails);
    this.headSeq = Math.max(this.headSeq, head);
    this.logger.info('inbox: dropped alerts past retention', { dropped: dropped.size, kept: this.seen.size });
    return dropped.size;
  }

  async close(): Promise<void> {
    await this.log.close();
  }

  private load(record: InboxRecord, trails: Map<string, AckEntry[]>): void {
    if (record.t === 'alert') {
      if (!this.seen.has(record.alert.id)) this.remember(record);
    } else if (record.t === 'mark') {
      this.headSeq = Math.max(this.headSeq, record.seq);
    } else {
      const list = trails.get(record.entry.alertId) ?? [];
      list.push(record.entry);
      trails.set(record.entry.alertId, list);
    }
  }

  private attachTrails(trails: Map<string, AckEntry[]>): void {
    for (const [alertId, entries] of trails) {
      const stored = this.byId.get(alertId);
      if (stored) for (const entry of entries) addEntry(stored.trail, entry);
    }
  }

  private remember(record: AlertRecord): StoredAlert {
    this.seen.add(record.alert.id);
    if (record.alert.hit.images) this.oldestImageAt = Math.min(this.oldestImageAt, Date.parse(record.alert.hit.readAt));
    this.oldestAt = Math.min(this.oldestAt, Math.max(Date.parse(record.alert.hit.readAt), Date.parse(record.receivedAt)));
    if (record.seq > this.headSeq) this.headSeq = record.seq;
    const stored: StoredAlert = { seq: record.seq, alert: record.alert, receivedAt: record.receivedAt, trail: [] };
    if (record.hidden) return stored;
    this.order.push(stored.alert.id);
    this.recent.push(stored);
    this.byId.set(stored.alert.id, stored);
    if (this.recent.length > this.memoryLimit) {
      const dropped = this.recent.shift();
      if (dropped) this.byId.delete(dropped.alert.id);
    }
    return stored;
  }
}

function parseRecord(raw: unknown): InboxRecord | null {
  const parsed = InboxRecord.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function withoutImages(alert: Alert): Alert {
  const { images: _images, ...hit } = alert.hit;
  return { ...alert, hit };
}

function addEntry(trail: AckEntry[], entry: AckEntry): void {
  if (trail.some((e) => e.seq === entry.seq)) return;
  trail.push(entry);
  trail.sort((a, b) => a.seq - b.seq);
}
