/**
 * The renderer's only door to the world: `window.tas`, put there by the Electron preload or by the
 * browser host's bridge. The renderer does not know (and must not care) which one it is.
 */
import type { TasApi } from '../shared/ipc.js';

export function tas(): TasApi {
  const api = window.tas;
  if (!api) throw new Error('window.tas is missing: the app was opened outside its host.');
  return api;
}
