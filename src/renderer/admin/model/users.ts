/**
 * The admin's view of the user list (pure, unit-tested): which certification lapses when, and the
 * Users screen's search and filters. ENF-051 IV.E.1-2: a user holds a LEADS certification and
 * refreshes ALPR training every two years; the coordinator is warned 60 days ahead, as the hub's
 * monthly report's `certificationsLapsing` is.
 */
import type { AccountUser, Role } from '../../../shared/protocol/index.js';

const DAY_MS = 86_400_000;

export const ROLE_LABELS: Record<Role, string> = { trooper: 'Trooper', dispatcher: 'Dispatcher', supervisor: 'Supervisor', admin: 'Administrator' };
export const LAPSING_WITHIN_DAYS = 60;
export const TRAINING_VALID_YEARS = 2;

export type CertificationState = { state: 'ok' | 'lapsing' | 'lapsed' | 'unknown'; what: string; until?: string; days?: number };

/** When the ALPR training lapses: two years after it was completed. */
export function trainingDueAt(trainedAt: string): string {
  const d = new Date(trainedAt);
  d.setUTCFullYear(d.getUTCFullYear() + TRAINING_VALID_YEARS);
  return d.toISOString();
}

/** The earlier of the LEADS certification's end and the training's renewal, and how far off it is. */
export function certification(user: Pick<AccountUser, 'leadsCertifiedUntil' | 'trainedAt'>, now: number): CertificationState {
  const ends: { what: string; until: string }[] = [];
  if (user.leadsCertifiedUntil) ends.push({ what: 'LEADS certification', until: user.leadsCertifiedUntil });
  if (user.trainedAt) ends.push({ what: 'ALPR training', until: trainingDueAt(user.trainedAt) });
  if (ends.length === 0) return { state: 'unknown', what: 'No certification dates' };
  const first = ends.reduce((a, b) => (Date.parse(b.until) < Date.parse(a.until) ? b : a));
  const days = Math.floor((Date.parse(first.until) - now) / DAY_MS);
  const state = days < 0 ? 'lapsed' : days <= LAPSING_WITHIN_DAYS ? 'lapsing' : 'ok';
  return { state, what: first.what, until: first.until, days };
}

export type UserStatus = 'all' | 'active' | 'disabled' | 'locked' | 'lapsing' | 'no_mfa';

export const STATUS_LABELS: Record<UserStatus, string> = {
  all: 'Any status',
  active: 'Active',
  disabled: 'Disabled',
  locked: 'Locked out',
  lapsing: 'Certification lapsing or lapsed',
  no_mfa: 'No second factor',
};

export interface UserFilter {
  search: string;
  role: Role | 'all';
  unit: string | 'all';
  status: UserStatus;
}

export const NO_FILTER: UserFilter = { search: '', role: 'all', unit: 'all', status: 'all' };

function hasStatus(user: AccountUser, status: UserStatus, now: number): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'active':
      return !user.disabled && !user.locked;
    case 'disabled':
      return user.disabled;
    case 'locked':
      return user.locked;
    case 'lapsing': {
      const c = certification(user, now).state;
      return c === 'lapsing' || c === 'lapsed';
    }
    case 'no_mfa':
      return !user.mfa;
  }
}

/** The users the filters let through, sorted by display name. */
export function filterUsers(users: readonly AccountUser[], filter: UserFilter, now: number): AccountUser[] {
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return users
    .filter((u) => {
      if (filter.role !== 'all' && !u.roles.includes(filter.role)) return false;
      if (filter.unit !== 'all' && (u.unit ?? '') !== filter.unit) return false;
      if (!hasStatus(u, filter.status, now)) return false;
      const text = `${u.username} ${u.displayName} ${u.unit ?? ''}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The units in use, for the unit filter. */
export function unitsOf(users: readonly AccountUser[]): string[] {
  return [...new Set(users.map((u) => u.unit).filter((u): u is string => Boolean(u)))].sort((a, b) => a.localeCompare(b));
}

/** A date input's value (YYYY-MM-DD, UTC) from an ISO time, and back (midnight UTC). */
export function dateInput(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

export function isoFromDateInput(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00.000Z`)) ? `${value}T00:00:00.000Z` : undefined;
}
