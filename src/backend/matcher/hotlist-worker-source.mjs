// Starts ./hotlist-worker.ts from the TypeScript sources (tests, `npm run dev`, a hub run through tsx):
// a worker thread does not inherit the tsx loader of the thread that starts it, so it registers its
// own (about a second of CPU, paid only for lists big enough to go to a thread). The built hub runs
// the bundled hotlist-worker.mjs instead and never loads this file.
import { register } from 'tsx/esm/api';

register();
await import('./hotlist-worker.ts');
