/**
 * Administration of accounts and ingest keys (docs/protocol.md 1.1 admin routes, the CLI and
 * `startHub().admin`). Every change goes to the security audit trail; every change that takes
 * access away (disable, unlock, password reset, lapsed certification) ends the user's sessions.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { Role, type PublicUser } from '../../shared/protocol/index.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError, notFound } from '../errors.js';
import type { HubStore, UserChange, UserDomain, UserRecord } from '../store/port.js';
import type { HubKeys } from './hub-keys.js';
import { hashPassword, passwordProblem } from './password.js';
import { certified, publicUser } from './session-desk.js';
import type { SessionEnds } from './session-ends.js';
import { newTotpSecret } from './totp.js';

export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
  unit?: string | null;
  displayName?: string;
  /** Give the account a TOTP second factor; its secret is returned once. */
  totp?: boolean;
  leadsCertifiedUntil?: string;
  trainingCompletedAt?: string;
  domain?: UserDomain;
  /** The password is a temporary one: the user must choose a new one at first sign-in. */
  mustChangePassword?: boolean;
}

export interface CreatedAccount {
  user: PublicUser;
  totpSecret?: string;
}

export interface CreatedKey {
  id: string;
  name: string;
  key: string;
}

/** Who did it, for the audit trail. */
export type By = string | { userId: string; username: string; source?: string };

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const YEAR_MS = 365.25 * 24 * 3600_000;
/** No 0/O, 1/l/I: a temporary password is read aloud or off a screen. */
const READABLE = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const newIngestKey = (): string => `otk_${randomBytes(24).toString('base64url')}`;

export const ingestKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

/** A one-use password: 4 groups of 4 readable characters (about 92 bits). */
export function temporaryPassword(): string {
  const group = (): string => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return `${group()}-${group()}-${group()}-${group()}`;
}

const actor = (by: By): { userId?: string; username: string; source?: string } => (typeof by === 'string' ? { username: by } : by);

/** An ingest key's last use is written at most this often (not once per hit: ingest throughput). */
const KEY_USE_EVERY_MS = 60_000;

export class Accounts {
  private readonly keyUseWritten = new Map<string, number>();

  constructor(
    private readonly store: HubStore,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
    private readonly keys: Pick<HubKeys, 'seal' | 'isSealed'>,
    private readonly ends: SessionEnds,
  ) {}

  async addUser(a: NewAccount, by: By = 'cli'): Promise<CreatedAccount> {
    if (!USERNAME.test(a.username)) throw new HubError(400, 'invalid_user', 'a username is 1-64 letters, digits, ".", "_", "@" or "-"');
    const problem = passwordProblem(a.password);
    if (problem) throw new HubError(400, 'weak_password', problem);
    if (a.roles.length === 0 || !a.roles.every((r) => Role.safeParse(r).success)) {
      throw new HubError(400, 'invalid_user', `roles are one or more of ${Role.options.join(', ')}`);
    }
    if (await this.store.users.byName(a.username)) throw new HubError(409, 'username_taken', `user "${a.username}" already exists`);
    const now = this.clock.now();
    const totpSecret = a.totp ? newTotpSecret() : undefined;
    const record = {
      id: `u-${randomBytes(6).toString('hex')}`,
      username: a.username,
      displayName: a.displayName ?? a.username,
      roles: [...new Set(a.roles)],
      unit: a.unit ?? null,
      passwordHash: await hashPassword(a.password),
      totpSecret: totpSecret ? this.keys.seal(totpSecret) : null,
      leadsCertifiedUntil: a.leadsCertifiedUntil ?? new Date(now.getTime() + 2 * YEAR_MS).toISOString(),
      trainingCompletedAt: a.trainingCompletedAt ?? now.toISOString(),
      createdAt: now.toISOString(),
      domain: a.domain ?? 'general',
      mustChangePassword: a.mustChangePassword ?? false,
    };
    await this.store.users.add(record);
    await this.log.record('user_add', 'success', actor(by), { user: record.username, roles: record.roles, totp: !!totpSecret, domain: record.domain });
    const user = publicUser({ ...record, failedCount: 0, firstFailedAt: null, lockedUntil: null, disabled: false, totpPendingSecret: null, totpLastStep: null, lastLoginAt: null });
    return totpSecret ? { user, totpSecret } : { user };
  }

  async byIdOrThrow(id: string): Promise<UserRecord> {
    const user = await this.store.users.byId(id);
    if (!user) throw notFound('user');
    return user;
  }

  private async byNameOrThrow(username: string): Promise<UserRecord> {
    const user = await this.store.users.byName(username);
    if (!user) throw new HubError(404, 'not_found', `no user "${username}"`);
    return user;
  }

  /** PATCH /users/:id. Disabling, a certification date in the past, or a new data domain ends the user's sessions. */
  async update(id: string, change: UserChange, by: By): Promise<UserRecord> {
    const before = await this.byIdOrThrow(id);
    const roles = change.roles ? [...new Set(change.roles)] : undefined;
    if (by !== 'cli') await this.keepAnAdmin(before, change.disabled === true, roles);
    const after = await this.store.users.update(id, { ...change, ...(roles ? { roles } : {}) });
    if (!after) throw notFound('user');
    const changed = Object.keys(change).filter((k) => JSON.stringify(change[k as keyof UserChange]) !== JSON.stringify(before[k as keyof UserRecord]));
    await this.log.record('user_update', 'success', actor(by), { user: after.username, changed, ...(roles ? { roles: { before: before.roles, after: roles } } : {}) });
    if (after.disabled && !before.disabled) {
      await this.ends.endUser(id, 'disabled');
      await this.log.record('user_disable', 'success', actor(by), { user: after.username });
    } else if (!certified(after, this.clock.now())) {
      await this.ends.endUser(id, 'certification_expired');
    } else if (after.domain !== before.domain) {
      // A live desk was routed for the old data domain: it signs in again and is routed for the new one.
      await this.ends.endUser(id, 'revoked');
    }
    return after;
  }

  /**
   * Through the API, the last active administrator cannot be disabled or lose the role: nobody could
   * manage accounts any more. The operator's CLI on the hub's machine stays the way back.
   */
  private async keepAnAdmin(before: UserRecord, disabling: boolean, roles: Role[] | undefined): Promise<void> {
    const isAdmin = (u: Pick<UserRecord, 'roles' | 'disabled'>): boolean => !u.disabled && u.roles.includes('admin');
    if (!isAdmin(before)) return;
    if (isAdmin({ roles: roles ?? before.roles, disabled: before.disabled || disabling })) return;
    const others = (await this.store.users.list()).filter((u) => u.id !== before.id && isAdmin(u));
    if (others.length === 0) {
      throw new HubError(409, 'last_admin', `${before.username} is the last active administrator: add or enable another admin first`);
    }
  }

  async disable(username: string, by: By = 'cli'): Promise<void> {
    await this.update((await this.byNameOrThrow(username)).id, { disabled: true }, by);
  }

  async unlock(username: string, by: By = 'cli'): Promise<void> {
    await this.unlockId((await this.byNameOrThrow(username)).id, by);
  }

  /** Clears the lock and ends every session the account had: the old token family is not revived. */
  async unlockId(id: string, by: By): Promise<void> {
    const user = await this.byIdOrThrow(id);
    await this.store.users.setLoginState(user.id, { failedCount: 0, firstFailedAt: null, lockedUntil: null });
    await this.ends.endUser(user.id, 'revoked');
    await this.log.record('user_unlock', 'success', actor(by), { user: user.username });
  }

  /** A one-use password the user must replace at sign-in; the account's sessions end and its lock clears. */
  async resetPassword(id: string, by: By): Promise<string> {
    const user = await this.byIdOrThrow(id);
    const password = temporaryPassword();
    await this.store.users.setPassword(user.id, await hashPassword(password), true);
    await this.store.users.setLoginState(user.id, { failedCount: 0, firstFailedAt: null, lockedUntil: null });
    await this.ends.endUser(user.id, 'revoked');
    await this.log.record('password_reset', 'success', actor(by), { user: user.username });
    return password;
  }

  async endSessions(id: string, by: By): Promise<number> {
    const user = await this.byIdOrThrow(id);
    const ended = await this.ends.endUser(user.id, 'revoked');
    await this.log.record('sessions_revoke', 'success', actor(by), { user: user.username, sessions: ended });
    return ended;
  }

  /** Seals TOTP secrets an older hub stored in clear (run at start; a no-op once done). */
  async sealClearSecrets(): Promise<number> {
    let sealed = 0;
    for (const u of await this.store.users.list()) {
      if (u.totpSecret && !this.keys.isSealed(u.totpSecret)) {
        await this.store.users.setTotp(u.id, { confirmed: this.keys.seal(u.totpSecret) });
        sealed++;
      }
      if (u.totpPendingSecret && !this.keys.isSealed(u.totpPendingSecret)) {
        await this.store.users.setTotp(u.id, { pending: this.keys.seal(u.totpPendingSecret) });
      }
    }
    return sealed;
  }

  /**
   * The built-in simulator's ingest key: kept with the hub's secrets so a restart reuses it (the
   * demo prints it) instead of piling up a new key at each start.
   */
  async simulatorKey(): Promise<string> {
    const key = await this.store.secrets.getOrCreate('simulator-ingest-key', newIngestKey);
    if (!(await this.store.keys.byHash(ingestKeyHash(key)))) {
      await this.store.keys.add({ id: `k-${randomBytes(6).toString('hex')}`, name: 'simulator', keyHash: ingestKeyHash(key), createdAt: this.clock.now().toISOString() });
      await this.log.record('ingest_key_add', 'success', { username: 'hub' }, { name: 'simulator' });
    }
    return key;
  }

  /** A new ingest key for one adapter; only its hash is kept, the key is shown once. */
  async createIngestKey(name: string, by: By = 'cli'): Promise<CreatedKey> {
    if (!/^.{1,100}$/.test(name)) throw new HubError(400, 'invalid_key', 'a key name is 1-100 characters');
    const key = newIngestKey();
    const id = `k-${randomBytes(6).toString('hex')}`;
    await this.store.keys.add({ id, name, keyHash: ingestKeyHash(key), createdAt: this.clock.now().toISOString() });
    await this.log.record('ingest_key_add', 'success', actor(by), { name, id });
    return { id, name, key };
  }

  async addIngestKey(name: string, by: By = 'cli'): Promise<string> {
    return (await this.createIngestKey(name, by)).key;
  }

  /** Records that a key was used (for the admin's list), at most once a minute per key, never waited for. */
  noteKeyUse(key: { id: string }): void {
    const now = this.clock.now().getTime();
    if (now - (this.keyUseWritten.get(key.id) ?? -Infinity) < KEY_USE_EVERY_MS) return;
    this.keyUseWritten.set(key.id, now);
    this.store.keys.touch(key.id, new Date(now).toISOString()).catch(() => this.keyUseWritten.delete(key.id));
  }

  /** Revoked keys are refused at once (every node reads the store for each request). */
  async revokeIngestKey(id: string, by: By): Promise<void> {
    if (!(await this.store.keys.revoke(id, this.clock.now().toISOString()))) throw notFound('ingest key');
    await this.log.record('ingest_key_revoke', 'success', actor(by), { id });
  }
}
