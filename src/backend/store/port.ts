/**
 * The hub's storage port. The hub's logic talks only to these interfaces, so the embedded SQLite
 * store, a Postgres store (several hub nodes) and an in-memory store (benchmarks) are
 * interchangeable. Every method is async even where SQLite is not, because Postgres is.
 */
import type { ChainReport } from '../audit/chain-stretch.js';
import type { AckEntry, Alert, Category, Hit, Policy, Preferences, Role, Zone } from '../../shared/protocol/index.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unit: string | null;
  passwordHash: string;
  totpSecret: string | null;
  leadsCertifiedUntil: string;
  trainingCompletedAt: string;
  failedCount: number;
  firstFailedAt: string | null;
  lockedUntil: string | null;
  createdAt: string;
  /** A disabled account cannot sign in; its sessions end when it is disabled. */
  disabled: boolean;
  domain: UserDomain;
  /** Set by a temporary password: the user may only choose a new one until they do. */
  mustChangePassword: boolean;
  /** A TOTP secret being enrolled (sealed like `totpSecret`), required only once confirmed. */
  totpPendingSecret: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totpLastStep: number | null;
  lastLoginAt: string | null;
}

export type UserDomain = 'general' | 'motor_carrier';

/** What `add` needs; the account-state columns start empty (and `domain` general). */
export type NewUser = Omit<
  UserRecord,
  'failedCount' | 'firstFailedAt' | 'lockedUntil' | 'disabled' | 'domain' | 'mustChangePassword' | 'totpPendingSecret' | 'totpLastStep' | 'lastLoginAt'
> & { domain?: UserDomain; mustChangePassword?: boolean };

/** The fields an administrator may change (PATCH /users/:id). */
export interface UserChange {
  displayName?: string;
  roles?: Role[];
  unit?: string | null;
  disabled?: boolean;
  leadsCertifiedUntil?: string;
  trainingCompletedAt?: string;
  domain?: UserDomain;
}

/** The failure rule applied by `recordFailure`, in SQL, so concurrent attempts all count. */
export interface FailureRule {
  now: string;
  /** Failures before this time are forgotten (the count restarts). */
  windowStart: string;
  /** Set as `lockedUntil` when the count reaches `max` (unless already locked). */
  lockUntil: string;
  max: number;
}

export interface LoginState {
  failedCount: number;
  firstFailedAt: string | null;
  lockedUntil: string | null;
}

/** Accounts. `username` is unique (case-insensitive). */
export interface UserStore {
  add(user: NewUser): Promise<void>;
  byName(username: string): Promise<UserRecord | undefined>;
  byId(id: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  count(): Promise<number>;
  setLoginState(id: string, state: LoginState): Promise<void>;
  /** Counts one failed sign-in atomically (one SQL statement) and answers the state after it. */
  recordFailure(id: string, rule: FailureRule): Promise<LoginState>;
  /** Clears the failures and stamps `lastLoginAt`, unless the account is locked at `now` (then false). */
  recordSignIn(id: string, now: string): Promise<boolean>;
  update(id: string, patch: UserChange): Promise<UserRecord | undefined>;
  setPassword(id: string, passwordHash: string, mustChangePassword: boolean): Promise<void>;
  /** Replaces `expected` by `next` only if it is still the stored hash (false when another request won). */
  swapPasswordHash(id: string, expected: string, next: string): Promise<boolean>;
  /** Sets the pending (enrolling) TOTP secret, or the confirmed one (which clears the pending one). */
  setTotp(id: string, totp: { pending: string | null } | { confirmed: string | null }): Promise<void>;
  /** Accepts TOTP step `step` once: false when that step or a later one was already used. */
  useTotpStep(id: string, step: number): Promise<boolean>;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Why a session ended (docs/protocol.md 1.1 `session_ended`), plus `logout` and `token_reuse`. */
export type SessionEndCause =
  | 'disabled' | 'revoked' | 'locked' | 'certification_expired' | 'password_changed' | 'expired' | 'logout' | 'token_reuse';

export interface EndedSession {
  id: string;
  reason: SessionEndCause;
}

/**
 * Sessions (one per sign-in; the id is the refresh family and the access tokens' `sid`) kept as
 * an allow-list: a token is good only while its session row is active. Refresh tokens rotate
 * within a family.
 */
export interface SessionStore {
  start(session: { id: string; userId: string; createdAt: string }): Promise<void>;
  /** True only for a session that was started and has not ended. */
  isActive(sessionId: string): Promise<boolean>;
  addToken(token: Omit<RefreshTokenRecord, 'usedAt'>): Promise<void>;
  token(tokenHash: string): Promise<RefreshTokenRecord | undefined>;
  /** Marks the token used; false when it was already used (so two refreshes cannot both win). */
  useToken(tokenHash: string, at: string): Promise<boolean>;
  /** Ends one session (idempotent: the first reason stays). */
  revokeFamily(familyId: string, at: string, reason?: SessionEndCause): Promise<void>;
  /** The deny-list view (version 1): true once the session has ended. Tokens are checked with `isActive`. */
  isRevoked(familyId: string): Promise<boolean>;
  /** Ends every active session of a user (but `exceptId`); answers the ids it ended. */
  endForUser(userId: string, at: string, reason: SessionEndCause, exceptId?: string): Promise<string[]>;
  /** Which of these sessions have ended, and why (a node polls this for its open sockets). */
  ended(sessionIds: readonly string[]): Promise<EndedSession[]>;
}

export interface IngestKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  createdAt: string;
  lastUsedAt?: string | null;
}

/** Ingest keys, stored as sha256 hashes only. A revoked key is kept (for the audit) but never matches. */
export interface IngestKeyStore {
  add(key: IngestKeyRecord): Promise<void>;
  byHash(keyHash: string): Promise<IngestKeyRecord | undefined>;
  /** The keys that still work, oldest first. */
  list(): Promise<IngestKeyRecord[]>;
  /** False when there is no such working key. */
  revoke(id: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

export interface StoredAlert {
  seq: number;
  alert: Alert;
}

export interface IngestResult extends StoredAlert {
  duplicate: boolean;
}

export interface AlertQuery {
  since?: string;
  until?: string;
  category?: Category;
  bbox?: [number, number, number, number];
  /** Cursor: only alerts with a smaller seq (the query runs newest first). */
  beforeSeq?: number;
  /** Only alerts with a receipt of this user (a trooper's own history, issue 12). */
  deliveredTo?: string;
  /** Only alerts whose read plate contains this (upper case A-Z, 0-9). */
  plateContains?: string;
  limit: number;
}

/** Alerts: numbered (`seq`) in the same transaction as the write, so a seq is never emitted unstored. */
export interface AlertStore {
  ingest(hit: Hit, ingestedAt: string): Promise<IngestResult>;
  /** Alerts with seq > afterSeq in seq order, images included when still kept. */
  after(afterSeq: number, limit: number): Promise<StoredAlert[]>;
  byId(id: string): Promise<StoredAlert | undefined>;
  headSeq(): Promise<number>;
  /** The smallest seq ingested at or after `at`, or undefined when none. */
  firstSeqSince(at: string): Promise<number | undefined>;
  /** Newest first, without images. */
  query(q: AlertQuery): Promise<StoredAlert[]>;
  /**
   * Drops detection images of alerts ingested before `before` (only those whose camera is on `network`,
   * when given: retention is per network); the hit's text stays.
   */
  purgeImages(before: string, network?: Hit['camera']['network']): Promise<number>;
}

export interface Receipt {
  alertId: string;
  userId: string;
  clientId: string;
  receivedAt: string;
}

/** Told once a receipt is written (`err` undefined) or could not be. */
export type ReceiptDone = (err: unknown) => void;

/** Delivery receipts: who stored which alert on which installation, and when. */
export interface ReceiptStore {
  /**
   * Queues a receipt for the next batch write; `done` is called once it is written or could not be.
   * A callback rather than a promise per receipt: the hub records one per desk per alert, and they
   * wait for their batch (./receipt-batch.ts; `addReceipt` there awaits one).
   */
  record(receipt: Receipt, done: ReceiptDone): void;
  forAlert(alertId: string): Promise<Receipt[]>;
}

export type AckDraft = Omit<AckEntry, 'seq' | 'prevHash' | 'hash'>;

/** One append as the stores queue it for a group commit: the draft and the order check to run on its alert's trail. */
export interface AckAppend {
  draft: AckDraft;
  check: (trail: AckEntry[]) => AckRefusal | undefined;
}

export interface AckRefusal {
  code: string;
  message: string;
}

/** The result remembered for an eventId, so a resent event gets the first answer. */
export type AckOutcome = { ok: true; entrySeq: number } | { ok: false; error: AckRefusal };

export interface AckRefusalRecord {
  eventId: string;
  alertId: string;
  userId: string;
  username: string;
  clientId: string;
  type: string;
  at: string;
  error: AckRefusal;
}

export interface AckQuery {
  since?: string;
  until?: string;
  userId?: string;
  category?: Category;
  afterSeq?: number;
  limit: number;
}

/** A raw log row, for verifying the chain: the stored body and hash exactly as on disk. */
export interface AckLogRow {
  seq: number;
  body: string;
  hash: string;
}

/**
 * The acknowledgement log: append-only, hash-chained. `append` runs `check` against the alert's
 * trail inside the same transaction as the write, so the order rules hold across hub nodes.
 */
export interface AckLogStore {
  append(draft: AckDraft, check: (trail: AckEntry[]) => AckRefusal | undefined): Promise<AckOutcome>;
  outcome(eventId: string): Promise<AckOutcome | undefined>;
  refusals(q: AckQuery): Promise<AckRefusalRecord[]>;
  recordRefusal(refusal: AckRefusalRecord): Promise<void>;
  trail(alertId: string): Promise<AckEntry[]>;
  query(q: AckQuery): Promise<AckEntry[]>;
  rows(afterSeq: number, limit: number): Promise<AckLogRow[]>;
  /** The chain check, where the store has a faster one than `rows` a page at a time (SQLite: worker threads). */
  checkChain?(options?: ChainCheckOptions): Promise<ChainReport>;
}

/** How a store's own chain check may run; the defaults suit the hub. */
export interface ChainCheckOptions {
  /** Worker threads to share the check (default: the machine's cores, at most 8); 1 checks in process. */
  threads?: number;
}

export interface ZoneChange {
  zone: Zone | null;
  before: Zone | null;
  changedBy: string;
  changedAt: string;
  change: 'created' | 'updated' | 'deleted';
}

/** Geo-zones (current state) and their full history. */
export interface ZoneStore {
  list(): Promise<Zone[]>;
  byId(id: string): Promise<Zone | undefined>;
  put(zone: Zone, changedBy: string, changedAt: string): Promise<ZoneChange>;
  remove(id: string, changedBy: string, changedAt: string): Promise<ZoneChange | undefined>;
  history(id: string): Promise<ZoneChange[]>;
}

/** The agency policy (one) and each user's category preferences. */
export interface PolicyStore {
  get(): Promise<Policy>;
  put(policy: Policy): Promise<void>;
  preferences(userId: string): Promise<Preferences | undefined>;
  putPreferences(userId: string, preferences: Preferences): Promise<void>;
}

export interface AuditEvent {
  at: string;
  action: string;
  outcome: 'success' | 'failure' | 'refused';
  userId: string | null;
  username: string | null;
  source: string | null;
  detail?: Record<string, unknown>;
}

/** One security audit event as chained: `hash = sha256(prevHash + canonical_json(event with id))`. */
export interface AuditChainRow {
  id: number;
  event: AuditEvent;
  prevHash: string;
  hash: string;
}

/**
 * Security audit trail: logins, failures, lockouts, token reuse, privileged actions, CJI reads.
 * Append-only and hash-chained like the acknowledgement log (CJIS AU-9): `add` chains the new event
 * (and any an older hub left unchained) in the same transaction, under one lock across nodes.
 */
export interface AuditStore {
  add(event: AuditEvent): Promise<void>;
  list(q: { since?: string; action?: string; limit: number }): Promise<(AuditEvent & { id: number })[]>;
  /** Chained events with id > afterId in id order, as stored (for `audit verify`). */
  chain(afterId: number, limit: number): Promise<AuditChainRow[]>;
}

/** Hub-wide secrets (the token signing key), created once and kept with the data. */
export interface SecretStore {
  getOrCreate(name: string, make: () => string): Promise<string>;
  remove(name: string): Promise<void>;
}

export interface HubStore {
  users: UserStore;
  sessions: SessionStore;
  keys: IngestKeyStore;
  alerts: AlertStore;
  receipts: ReceiptStore;
  acks: AckLogStore;
  zones: ZoneStore;
  policy: PolicyStore;
  audit: AuditStore;
  secrets: SecretStore;
  close(): Promise<void>;
}
