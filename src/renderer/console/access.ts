/** Who may open which screen, from the SCREENS table: the rule the top bar and the shell share. */
import type { Role } from '../../shared/protocol/user.js';
import { matchPath } from '../router/match.js';

export interface Addressable {
  id: string;
  path: string;
  roles: readonly Role[];
}

export function mayOpen(screen: Pick<Addressable, 'roles'>, roles: readonly Role[]): boolean {
  return screen.roles.some((r) => roles.includes(r));
}

/** The address the top bar links to: the pattern up to its first param (`/zones/:id?` -> `/zones`). */
export function basePath(screen: Pick<Addressable, 'path'>): string {
  const i = screen.path.indexOf('/:');
  return i < 0 ? screen.path : screen.path.slice(0, i) || '/';
}

/** The first screen of the table matching `path`, with its params. */
export function screenAt<S extends Addressable>(screens: readonly S[], path: string): { screen: S; params: Record<string, string> } | undefined {
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (params) return { screen, params };
  }
  return undefined;
}

/** Where a bare address (`#/`, a fresh sign-in) lands: the user's first screen in table order. */
export function homeOf<S extends Addressable>(screens: readonly S[], roles: readonly Role[]): S | undefined {
  return screens.find((s) => mayOpen(s, roles));
}

const ROLE_PLURAL: Record<Role, string> = { trooper: 'troopers', dispatcher: 'dispatchers', supervisor: 'supervisors', admin: 'administrators' };

/** "dispatchers and supervisors": who a screen is for, in words. */
export function rolesInWords(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_PLURAL[r]);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
