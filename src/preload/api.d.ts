/** The type of `window.tas`, shared by the preload, the browser host's bridge and the renderer. */
import type { TasApi } from '../shared/ipc.js';

declare global {
  interface Window {
    tas: TasApi;
  }
}

export type { TasApi };
