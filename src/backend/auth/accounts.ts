/**
 * Administration of accounts and ingest keys, shared by the CLI and the programmatic API
 * (`startHub().admin`). Every change goes to the security audit trail.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Role, type PublicUser } from '../../shared/protocol/index.js';
import type { SecurityLog } from '../audit/security-log.js';
import type { Clock } from '../clock.js';
import { HubError } from '../errors.js';
import type { HubStore } from '../store/port.js';
import { hashPassword, passwordProblem } from './password.js';
import { publicUser } from './session-desk.js';
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
}

export interface CreatedAccount {
  user: PublicUser;
  totpSecret?: string;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const YEAR_MS = 365.25 * 24 * 3600_000;

const newIngestKey = (): string => `otk_${randomBytes(24).toString('base64url')}`;

export const ingestKeyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

export class Accounts {
  constructor(
    private readonly store: HubStore,
    private readonly log: SecurityLog,
    private readonly clock: Clock,
  ) {}

  async addUser(a: NewAccount, by = 'cli'): Promise<CreatedAccount> {
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
      totpSecret: totpSecret ?? null,
      leadsCertifiedUntil: a.leadsCertifiedUntil ?? new Date(now.getTime() + 2 * YEAR_MS).toISOString(),
      trainingCompletedAt: a.trainingCompletedAt ?? now.toISOString(),
      createdAt: now.toISOString(),
    };
    await this.store.users.add(record);
    await this.log.record('user_add', 'success', { username: by }, { user: record.username, roles: record.roles, totp: !!totpSecret });
    const user = publicUser({ ...record, failedCount: 0, firstFailedAt: null, lockedUntil: null });
    return totpSecret ? { user, totpSecret } : { user };
  }

  async unlock(username: string, by = 'cli'): Promise<void> {
    const user = await this.store.users.byName(username);
    if (!user) throw new HubError(404, 'not_found', `no user "${username}"`);
    await this.store.users.setLoginState(user.id, { failedCount: 0, firstFailedAt: null, lockedUntil: null });
    await this.log.record('user_unlock', 'success', { username: by }, { user: user.username });
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
  async addIngestKey(name: string, by = 'cli'): Promise<string> {
    if (!/^.{1,100}$/.test(name)) throw new HubError(400, 'invalid_key', 'a key name is 1-100 characters');
    const key = newIngestKey();
    await this.store.keys.add({ id: `k-${randomBytes(6).toString('hex')}`, name, keyHash: ingestKeyHash(key), createdAt: this.clock.now().toISOString() });
    await this.log.record('ingest_key_add', 'success', { username: by }, { name });
    return key;
  }
}
