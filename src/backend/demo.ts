/**
 * `--demo`: a ready-to-use hub for a walkthrough. Creates one account per role (only when the hub
 * has no users yet) and prints them (passwords pass the password policy), and prints the ingest
 * key the simulator uses, so a hand-run adapter can post with it too.
 */
import type { Role } from '../shared/protocol/index.js';
import type { Accounts } from './auth/accounts.js';
import type { HubStore } from './store/port.js';

export const DEMO_ACCOUNTS: { username: string; password: string; roles: Role[]; unit: string | null; displayName: string }[] = [
  { username: 'trooper1', password: 'Trooper-Demo-2026', roles: ['trooper'], unit: 'Troop 3', displayName: 'Tpr. Dana Kowalski' },
  { username: 'trooper2', password: 'Trooper-Demo-2026', roles: ['trooper'], unit: 'Troop 1', displayName: 'Tpr. Luis Ortega' },
  { username: 'dispatcher1', password: 'Dispatch-Demo-2026', roles: ['dispatcher'], unit: 'Troop 3', displayName: 'Disp. Renee Harris' },
  { username: 'supervisor1', password: 'Supervise-Demo-2026', roles: ['supervisor'], unit: 'Troop 3', displayName: 'Sgt. Mark Novak' },
  { username: 'admin1', password: 'Administer-Demo-2026', roles: ['admin'], unit: null, displayName: 'IT Admin' },
];

export async function ensureDemo(accounts: Accounts, store: HubStore, print: (line: string) => void): Promise<void> {
  if ((await store.users.count()) > 0) {
    print('demo: users already exist; no demo accounts created');
  } else {
    for (const a of DEMO_ACCOUNTS) {
      await accounts.addUser(a, 'demo');
      print(`demo user: ${a.username} / ${a.password} (${a.roles.join(',')}${a.unit ? `, ${a.unit}` : ''})`);
    }
  }
  print(`demo ingest key: ${await accounts.simulatorKey()}`);
}
