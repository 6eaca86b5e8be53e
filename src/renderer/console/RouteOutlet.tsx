/** The screen at the current address, or why there is none ("Not allowed", "No such screen"). */
import type { Role } from '../../shared/protocol/user.js';
import { RouteParams } from '../router/useRoute.js';
import { mayOpen } from './access.js';
import { NoSuchScreen, NotAllowed } from './NotAllowed.js';
import type { ScreenDef } from './screens.js';

export function RouteOutlet({ at, path, roles, homePath }: { at?: { screen: ScreenDef; params: Record<string, string> }; path: string; roles: readonly Role[]; homePath: string }): React.JSX.Element {
  if (!at) return <NoSuchScreen path={path} home={homePath} />;
  if (!mayOpen(at.screen, roles)) return <NotAllowed title={at.screen.title} roles={at.screen.roles} home={homePath} />;
  // Keyed by screen, not by address: `/alerts` -> `/alerts/x` keeps the screen's own state.
  return (
    <RouteParams.Provider value={at.params} key={at.screen.id}>
      {at.screen.render(at.params)}
    </RouteParams.Provider>
  );
}
