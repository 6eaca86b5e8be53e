/** The hash router's matching and the console's role rules, as the shell uses them. */
import { describe, expect, it } from 'vitest';
import { matchPath, pathOfHash, pathTo } from '../../../src/renderer/router/match.js';
import { basePath, homeOf, mayOpen, rolesInWords, screenAt } from '../../../src/renderer/console/access.js';

describe('matchPath', () => {
  it('matches literal paths exactly', () => {
    expect(matchPath('/all', '/all')).toEqual({});
    expect(matchPath('/all', '/all/x')).toBeUndefined();
    expect(matchPath('/all', '/alerts')).toBeUndefined();
    expect(matchPath('/all', '/')).toBeUndefined();
  });
  it('fills params and an optional last param', () => {
    expect(matchPath('/zones/:id?', '/zones')).toEqual({});
    expect(matchPath('/zones/:id?', '/zones/troop3-i55')).toEqual({ id: 'troop3-i55' });
    expect(matchPath('/zones/:id?', '/zones/a/b')).toBeUndefined();
    expect(matchPath('/zones/:id', '/zones')).toBeUndefined();
    expect(matchPath('/a/:x/b/:y', '/a/1/b/2')).toEqual({ x: '1', y: '2' });
  });
  it('decodes params and refuses a broken escape instead of throwing', () => {
    expect(matchPath('/alerts/:id?', `/alerts/${encodeURIComponent('vm 2026/01')}`)).toEqual({ id: 'vm 2026/01' });
    expect(matchPath('/alerts/:id?', '/alerts/%E0%A4%A')).toBeUndefined();
  });
  it('round-trips pathTo', () => {
    const id = 'vm-20261128-000123/é';
    expect(matchPath('/alerts/:id?', pathTo('/alerts', id))).toEqual({ id });
  });
});

describe('pathOfHash', () => {
  it('reads the console and the popup window addresses', () => {
    expect(pathOfHash('')).toBe('/');
    expect(pathOfHash('#/')).toBe('/');
    expect(pathOfHash('#/zones/troop3-i55/')).toBe('/zones/troop3-i55');
    expect(pathOfHash('#popup')).toBe('/');
    expect(pathOfHash('#popup/alerts/x')).toBe('/alerts/x');
  });
});

describe('screens by role', () => {
  const screens = [
    { id: 'alerts', path: '/alerts/:id?', roles: ['trooper', 'dispatcher'] as const },
    { id: 'troop', path: '/troop/:id?', roles: ['dispatcher', 'supervisor'] as const },
    { id: 'users', path: '/users', roles: ['admin'] as const },
  ];
  it('opens a screen when any role meets, and lands on the first one', () => {
    expect(mayOpen(screens[1]!, ['trooper'])).toBe(false);
    expect(mayOpen(screens[1]!, ['trooper', 'supervisor'])).toBe(true);
    expect(homeOf(screens, ['supervisor'])?.id).toBe('troop');
    expect(homeOf(screens, ['admin', 'dispatcher'])?.id).toBe('alerts');
    expect(homeOf(screens, [])).toBeUndefined();
  });
  it('finds the screen of an address and its nav link', () => {
    expect(screenAt(screens, '/troop/a%20b')).toEqual({ screen: screens[1], params: { id: 'a b' } });
    expect(screenAt(screens, '/nowhere')).toBeUndefined();
    expect(basePath(screens[0]!)).toBe('/alerts');
    expect(basePath(screens[2]!)).toBe('/users');
  });
  it('says who a screen is for', () => {
    expect(rolesInWords(['dispatcher'])).toBe('dispatchers');
    expect(rolesInWords(['dispatcher', 'supervisor'])).toBe('dispatchers and supervisors');
    expect(rolesInWords(['trooper', 'dispatcher', 'admin'])).toBe('troopers, dispatchers and administrators');
  });
});
