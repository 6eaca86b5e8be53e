/** The bar across the top: the screens of this user's console, who I am (and my data domain when it is not the general one), whether alerts are flowing. */
import type { Presence } from '../../shared/ipc.js';
import type { PublicUser } from '../../shared/protocol/user.js';
import { tas } from '../api.js';
import { navigate } from '../router/useRoute.js';
import { HotlistFreshness } from '../hotlists/HotlistFreshness.js';

export interface NavItem {
  id: string;
  title: string;
  to: string;
}

const LINK_TEXT: Record<Presence['state'], string> = {
  connected: 'Receiving alerts',
  connecting: 'Connecting…',
  offline: 'NOT RECEIVING',
  signed_out: 'Signed out',
};

// Buttons rather than anchors: the tabs act on this window only (a screen is never torn off into a
// browser tab); <Link> in the screens gives real addresses where copying one makes sense.
export function TopBar({ items, current, user, presence, openCount, locked }: { items: NavItem[]; current?: string; user?: PublicUser; presence?: Presence; openCount: number; locked: boolean }): React.JSX.Element {
  const state = presence?.state ?? 'connecting';
  return (
    <>
      <header className="topbar">
        <span className="brand">OpenTAS</span>
        {!locked && items.length > 0 && (
          <nav aria-label="Views" className="tabs">
            {items.map((s) => (
              <button key={s.id} type="button" className={`tab ${current === s.id ? 'tab-on' : ''}`} aria-current={current === s.id ? 'page' : undefined} data-screen={s.id} onClick={() => navigate(s.to)}>
                {s.title}
                {s.id === 'alerts' && openCount ? ` (${openCount})` : ''}
              </button>
            ))}
          </nav>
        )}
        <span className={`link link-${state}`} data-testid="link-state" role="status">
          <span className="link-dot" aria-hidden="true" />
          {LINK_TEXT[state]}
        </span>
        <span className="user" title={[user?.displayName ?? user?.username, user?.unit].filter(Boolean).join(' · ')}>
          {user?.displayName ?? user?.username}
          {user?.unit ? ` · ${user.unit}` : ''}
        </span>
        {/* A Motor Carrier Safety (CVEB) user's alerts come from DOT and ICC data only, and nothing else reaches them. */}
        {user?.domain === 'motor_carrier' && (
          <span className="domain-badge" data-testid="domain-badge" title="Motor Carrier Safety data only (DOT, ICC): this desk receives motor-carrier alerts and nothing else">
            Motor carrier · CVEB
          </span>
        )}
        {/* A locked desk is not signed out (nor quit) by whoever passes by: unlock first. */}
        {!locked && (
          <button type="button" className="secondary" onClick={() => void tas().invoke('session:signOut')}>
            Sign out
          </button>
        )}
      </header>
      {/* Under the bar, on every screen: how old the lists behind the alerts are (issue 11). */}
      <HotlistFreshness />
    </>
  );
}
