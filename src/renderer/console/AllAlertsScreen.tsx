/** All alerts this desk holds; "Open" goes to `#/alerts/<id>`, so back returns to the list. */
import { navigate } from '../router/useRoute.js';
import { pathTo } from '../router/match.js';
import { AlertList } from './AlertList.js';
import { useConsole } from './ConsoleContext.js';
import { OlderAlertsControl, useOlderAlerts } from './OlderAlerts.js';

export function AllAlertsScreen(): React.JSX.Element {
  const c = useConsole();
  const older = useOlderAlerts(c.tas.older);
  return (
    <AlertList alerts={c.tas.alerts} older={older.items} userId={c.user.id} now={c.now} onOpen={(id) => navigate(pathTo('/alerts', id))}>
      <OlderAlertsControl state={older} />
    </AlertList>
  );
}
