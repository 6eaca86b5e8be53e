/**
 * The hash router: the address is `#/screen/param`, so it survives a reload, works from a file://
 * page (Electron) and from the browser host alike, and back/forward are the browser's own
 * (`hashchange`). No dependency: the whole router is this file, match.ts and Link.tsx.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { pathOfHash, type Route } from './match.js';

/** The params of the screen on show, set by the console shell once it has matched the path to a screen. */
export const RouteParams = createContext<Record<string, string>>({});

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = (): string => window.location.hash;

/** The current path (`/alerts/x`), re-rendering on every change of address. */
export function useRoutePath(): string {
  return pathOfHash(useSyncExternalStore(subscribe, currentHash));
}

/** The current path and the params the console shell matched for it (`{id: 'troop3-i55'}` on `/zones/:id?`). */
export function useRoute(): Route {
  return { path: useRoutePath(), params: useContext(RouteParams) };
}

/**
 * Goes to `path` (`/zones/troop3-i55`). `replace` swaps the current history entry instead of adding
 * one, for redirects that back must not return to (a bare `#/` sent on to the user's home).
 */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  const popup = window.location.hash.startsWith('#popup') ? 'popup' : '';
  const hash = `#${popup}${path.startsWith('/') ? path : `/${path}`}`;
  if (hash === window.location.hash) return;
  if (replace) {
    window.history.replaceState(window.history.state, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}
