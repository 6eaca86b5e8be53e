/** The bar across the top: where I am, who I am, whether alerts are flowing. */
import type { Presence } from '../../shared/ipc.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import { tas } from '../api.js';

export type View = 'alerts' | 'console' | 'settings';

const LINK_TEXT: Record<Presence['state'], string> = {
  connected: 'Receiving alerts',
  connecting: 'Connecting…',
  offline: 'NOT RECEIVING',
  signed_out: 'Signed out',
};

export function TopBar({ view, onView, user, presence, openCount, locked, tabs: withTabs = true }: { view: View; onView: (v: View) => void; user?: PublicUser; presence?: Presence; openCount: number; locked: boolean; tabs?: boolean }): React.JSX.Element {
  const tabs: [View, string][] = [
    ['alerts', `Alerts${openCount ? ` (${openCount})` : ''}`],
    ['console', 'All alerts'],
    ['settings', 'Settings'],
  ];
  const state = presence?.state ?? 'connecting';
  return (
    <header className="topbar">
      <span className="brand">OpenTAS</span>
      {!locked && withTabs && (
        <nav aria-label="Views" className="tabs">
          {tabs.map(([v, label]) => (
            <button key={v} type="button" className={`tab ${view === v ? 'tab-on' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => onView(v)}>
              {label}
            </button>
          ))}
        </nav>
      )}
      <span className={`link link-${state}`} data-testid="link-state" role="status">
        <span className="link-dot" aria-hidden="true" />
        {LINK_TEXT[state]}
      </span>
      <span className="user">
        {user?.displayName ?? user?.username}
        {user?.unit ? ` · ${user.unit}` : ''}
      </span>
      <button type="button" className="secondary" onClick={() => void tas().invoke('session:signOut')}>
        Sign out
      </button>
    </header>
  );
}
