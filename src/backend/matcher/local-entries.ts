/**
 * Local hot-list entries (docs/protocol.md 1.1): a trooper or dispatcher puts a plate on the hub's
 * local list, with a case number, a purpose and an expiry the policy caps; supervisors see and
 * remove anyone's. Each add and remove is stored, then written to the security audit trail (who
 * added or removed what, as zone changes are), then the matcher's copy of the local list is brought
 * up to date before the answer goes out, so the next read on this node already sees it.
 *
 * Every node holds the live entries as the matcher lists `local` (and `local~motor_carrier`) with
 * source LOCAL. Another node's changes are noticed by the store's fingerprint, checked before each
 * batch of reads is matched (`fresh()`: one small query), so a removed entry stops matching on every
 * node from the next batch on.
 */
import { randomUUID } from 'node:crypto';
import type { Policy, Read, Role } from '../../shared/protocol/index.js';
import { type LocalEntry, type LocalEntryInput, localListId } from '../../shared/protocol/local-entry.js';
import type { HitIngest } from '../alerts/hit-ingest.js';
import type { Actor, SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError, notFound } from '../errors.js';
import type { LocalEntryStore } from '../store/local-entry-port.js';
import type { PolicyStore, UserRecord } from '../store/port.js';
import type { ReadArchive } from '../store/read-archive-port.js';
import { ListIndex, type ListEntry, type Match, type Matcher } from './matcher.js';
import { hitFromMatch } from './read-hit.js';

const DAY_MS = 86_400_000;
/** Entries that expired this recently still list (greyed by the desk), so their owner can add them again. */
export const EXPIRED_LISTED_MS = 7 * DAY_MS;
const DOMAINS = ['general', 'motor_carrier'] as const;
/** Retained reads of the entry's plate looked at for `lookBackDays`, newest first. */
export const LOOK_BACK_READS = 1_000;

/** The longest any read is kept (per network or the default): how far back an entry may look. */
function longestRetentionDays(policy: Policy): number {
  return Math.max(policy.detectionRetentionDays, ...Object.values(policy.retentionDaysByNetwork).filter((d): d is number => d !== undefined));
}

function statesAgree(a: string, b: string): boolean {
  return a === b || a === 'UNK' || b === 'UNK';
}

export type EntryCaller = Actor & { userId: string; username: string; roles: readonly Role[] };

function invalidEntry(path: string, message: string): HubError {
  return new HubError(400, 'invalid_local_entry', `the local entry is not valid: ${message}`, { issues: [{ path, message }] });
}

const seesAll = (caller: EntryCaller): boolean => caller.roles.includes('supervisor');

export class LocalEntries {
  /** The fingerprint of the entries the matcher holds. */
  private held: string | undefined;
  /** Syncs run one after another, so an older read of the store is never installed over a newer one. */
  private queue: Promise<void> = Promise.resolve();
  /** A sync queued but not started yet: later callers share it (it will read the store after them). */
  private next: Promise<void> | undefined;

  constructor(
    private readonly store: LocalEntryStore,
    private readonly policy: PolicyStore,
    private readonly matcher: Matcher,
    private readonly securityLog: SecurityLog,
    private readonly clock: Clock,
    /** For `lookBackDays`: the retained reads, and the path a match takes to become an alert. */
    private readonly retro: { reads: ReadArchive; ingest: HitIngest },
  ) {}

  async add(input: LocalEntryInput, owner: UserRecord, by: EntryCaller): Promise<LocalEntry> {
    const now = this.clock.now();
    const expires = Date.parse(input.expiresAt);
    const policy = await this.policy.get();
    const { localEntryMaxDays } = policy;
    if (!(expires > now.getTime())) throw invalidEntry('expiresAt', 'the expiry must be in the future');
    if (expires > now.getTime() + localEntryMaxDays * DAY_MS) {
      throw invalidEntry('expiresAt', `the expiry may be at most ${localEntryMaxDays} days ahead (the policy's localEntryMaxDays)`);
    }
    const retained = longestRetentionDays(policy);
    if (input.lookBackDays !== undefined && input.lookBackDays > retained) {
      throw invalidEntry('lookBackDays', `reads are kept at most ${retained} days, so an entry can look back at most that far`);
    }
    const entry: LocalEntry = {
      ...input,
      // One spelling of every time, so the stores compare them as text.
      expiresAt: new Date(expires).toISOString(),
      id: `le-${randomUUID()}`,
      domain: owner.domain,
      owner: { userId: owner.id, username: owner.username },
      createdAt: now.toISOString(),
    };
    await this.store.add(entry);
    const { id, plate, state, category, caseNumber, purpose, expiresAt, lookBackDays } = entry;
    await this.securityLog.record('local_entry_add', 'success', by, { entry: id, plate, state, category, caseNumber, purpose, expiresAt, ...(lookBackDays ? { lookBackDays } : {}) });
    await this.fresh();
    if (entry.lookBackDays !== undefined) await this.lookBack(entry, now);
    return entry;
  }

  /**
   * docs/protocol.md 1.1 `lookBackDays`: the retained reads of the entry's plate from those days
   * become alerts marked `retro`, through the same path a live match takes. The alert id is the
   * one a live match of that read and entry makes, so a read matched both ways is one alert.
   * Exact plates with the state rule; up to LOOK_BACK_READS reads, the newest.
   */
  private async lookBack(entry: LocalEntry, now: Date): Promise<void> {
    const plate = entry.plate;
    const found = await this.retro.reads.search({
      pattern: { text: plate, exact: plate, prefix: plate, glob: plate, like: plate },
      domain: entry.domain,
      since: new Date(now.getTime() - entry.lookBackDays! * DAY_MS).toISOString(),
      until: now.toISOString(),
      limit: LOOK_BACK_READS,
    });
    const list = { id: localListId(entry.domain), source: 'LOCAL', domain: entry.domain };
    for (const { read } of found) {
      if (!statesAgree(read.plateState, entry.state)) continue;
      const match: Match = { read: 0, list, entryIndex: 0, entry: toListEntry(entry), kind: 'exact' };
      await this.retro.ingest.ingest({ ...hitFromMatch(read as Read, match), retro: true });
    }
  }

  /** The caller's own entries; a supervisor's, everyone's. Newest first, recently expired ones included. */
  list(caller: EntryCaller): Promise<LocalEntry[]> {
    const expiringAfter = new Date(this.clock.now().getTime() - EXPIRED_LISTED_MS).toISOString();
    return this.store.list(seesAll(caller) ? { expiringAfter } : { expiringAfter, ownerId: caller.userId });
  }

  /** The owner removes their entry, a supervisor anyone's; to anyone else an entry they do not own does not exist. */
  async remove(id: string, caller: EntryCaller): Promise<void> {
    const entry = await this.store.get(id);
    if (!entry || (entry.owner.userId !== caller.userId && !seesAll(caller))) throw notFound('local entry');
    if (!(await this.store.remove(id, caller.userId, this.clock.now().toISOString()))) throw notFound('local entry');
    await this.securityLog.record('local_entry_remove', 'success', caller, {
      entry: id, plate: entry.plate, state: entry.state, caseNumber: entry.caseNumber, owner: entry.owner.username,
    });
    await this.fresh();
  }

  /** Brings the matcher's local lists up to the store's entries, if they changed (here or on another node). */
  fresh(): Promise<void> {
    if (this.next) return this.next;
    const run: Promise<void> = this.queue.then(() => {
      if (this.next === run) this.next = undefined;
      return this.load();
    });
    this.next = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<void> {
    // The fingerprint first: entries read after it are at least as new, so nothing is missed.
    const fingerprint = await this.store.fingerprint();
    if (fingerprint === this.held) return;
    const live = await this.store.list({ expiringAfter: this.clock.now().toISOString() });
    for (const domain of DOMAINS) {
      const entries: ListEntry[] = live.filter((e) => e.domain === domain).map(toListEntry);
      this.matcher.install(new ListIndex({ id: localListId(domain), source: 'LOCAL', domain }, entries));
    }
    this.held = fingerprint;
  }
}

function toListEntry(e: LocalEntry): ListEntry {
  return {
    plate: e.plate,
    state: e.state,
    category: e.category,
    reason: e.reason,
    entryId: e.id,
    enteredAt: e.createdAt,
    caseNumber: e.caseNumber,
    expiresAt: e.expiresAt,
    owner: e.owner,
  };
}
