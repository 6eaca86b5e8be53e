/** All alerts this desk holds; "Open" goes to `#/alerts/<id>`, so back returns to the list. */
import { navigate } from '../router/useRoute.js';
import { pathTo } from '../router/match.js';
import { AlertList } from './AlertList.js';
import { useConsole } from './ConsoleContext.js';

export function AllAlertsScreen(): React.JSX.Element {
  const c = useConsole();
  return <AlertList alerts={c.tas.alerts} userId={c.user.id} now={c.now} onOpen={(id) => navigate(pathTo('/alerts', id))} />;
}
