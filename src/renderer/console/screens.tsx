/**
 * The console's screens: one row per screen, who may open it and how it is addressed. The top bar
 * lists the rows whose `roles` meet the signed-in user's (a user with several roles sees the union,
 * in table order); any other address shows "Not allowed" or "No such screen", never a blank page.
 *
 * `path` is a pattern: literal segments and `:name` params; a last `:name?` is optional, so ONE row
 * answers both the list and one item (`/zones/:id?` matches `/zones` and `/zones/troop3-i55`). The
 * top bar links to the path without its params. `render` gets the params (URI-decoded) and reads
 * everything else through `useConsole()`.
 *
 * To add a screen: one row, above Settings (which stays last). Only screens that exist go here.
 * These roles only hide what the hub would refuse: the hub stays the authority (a 403 from it is
 * shown by HubProblem.tsx).
 */
import type { Role } from '../../shared/protocol/user.js';
import { AlertsScreen } from './AlertsScreen.js';
import { AllAlertsScreen } from './AllAlertsScreen.js';
import { SettingsScreen } from './SettingsScreen.js';
import { KeysScreen } from '../admin/KeysScreen.js';
import { PolicyScreen } from '../admin/PolicyScreen.js';
import { UsersScreen } from '../admin/UsersScreen.js';
import { ZonesScreen } from '../zones/ZonesScreen.js';
import { TroopView } from '../troop/TroopView.js';
import { HistoryScreen } from '../history/HistoryScreen.js';
import { ReadSearchScreen } from '../reads/ReadSearchScreen.js';
import { LocalListScreen } from '../local-list/LocalListScreen.js';
import { ReviewScreen } from '../review/ReviewScreen.js';
import { TrailScreen } from '../review/TrailScreen.js';
import { ReportsScreen } from '../review/ReportsScreen.js';

export interface ScreenDef {
  id: string;
  path: string;
  title: string;
  roles: readonly Role[];
  /** Optional heading the top bar may group screens under (e.g. 'Review', 'Admin'). */
  group?: string;
  render: (params: Record<string, string>) => React.JSX.Element;
}

/** Those who receive alerts at their desk (docs/protocol.md roles: a dispatcher may what a trooper may). */
export const RECEIVING_ROLES: readonly Role[] = ['trooper', 'dispatcher'];
const EVERYONE: readonly Role[] = ['trooper', 'dispatcher', 'supervisor', 'admin'];

export const SCREENS: ScreenDef[] = [
  { id: 'alerts', path: '/alerts/:id?', title: 'Alerts', roles: RECEIVING_ROLES, render: (p) => <AlertsScreen id={p.id} /> },
  { id: 'all', path: '/all', title: 'All alerts', roles: RECEIVING_ROLES, render: () => <AllAlertsScreen /> },
  { id: 'history', path: '/history', title: 'My history', roles: RECEIVING_ROLES, render: () => <HistoryScreen /> },
  { id: 'zones', path: '/zones/:id?', title: 'Zones', roles: ['dispatcher'], render: (p) => <ZonesScreen {...(p.id ? { id: p.id } : {})} /> },
  { id: 'troop', path: '/troop/:id?', title: 'Troop view', roles: ['dispatcher', 'supervisor'], render: (p) => <TroopView {...(p.id ? { id: p.id } : {})} /> },
  { id: 'users', path: '/users', title: 'Users', roles: ['admin'], group: 'Admin', render: () => <UsersScreen /> },
  { id: 'keys', path: '/keys', title: 'Ingest keys', roles: ['admin'], group: 'Admin', render: () => <KeysScreen /> },
  { id: 'policy', path: '/policy', title: 'Policy', roles: ['admin'], group: 'Admin', render: () => <PolicyScreen /> },
  { id: 'review', path: '/review/:tab?', title: 'Review', roles: ['supervisor'], group: 'Review', render: (p) => <ReviewScreen {...(p.tab ? { tab: p.tab } : {})} /> },
  { id: 'trail', path: '/trail/:id?', title: 'Alert trail', roles: ['supervisor'], group: 'Review', render: (p) => <TrailScreen {...(p.id ? { id: p.id } : {})} /> },
  { id: 'reports', path: '/reports/:tab?', title: 'Reports', roles: ['supervisor'], group: 'Review', render: (p) => <ReportsScreen {...(p.tab ? { tab: p.tab } : {})} /> },
  { id: 'local', path: '/local', title: 'Local hot list', roles: ['trooper', 'dispatcher', 'supervisor'], render: () => <LocalListScreen /> },
  { id: 'reads', path: '/reads', title: 'Read search', roles: ['trooper', 'dispatcher', 'supervisor'], render: () => <ReadSearchScreen /> },
  { id: 'settings', path: '/settings', title: 'Settings', roles: EVERYONE, render: () => <SettingsScreen /> },
];
