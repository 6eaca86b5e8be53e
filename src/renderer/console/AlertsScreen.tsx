/**
 * The Alerts screen: the popup (queue and one alert). `#/alerts/<id>` opens that alert and keeps it
 * on screen even once it is done (as opening it from All alerts always did); picking another alert
 * in the queue drops the pin, so closing it moves straight on to the next.
 */
import { useCallback, useState } from 'react';
import { PopupView } from '../popup/PopupView.js';
import { navigate } from '../router/useRoute.js';
import { useConsole } from './ConsoleContext.js';

export function AlertsScreen({ id }: { id?: string }): React.JSX.Element {
  const c = useConsole();
  const [picked, setPicked] = useState<string>();
  const userId = c.user.id;
  const select = useCallback(
    (alertId: string) => {
      setPicked(alertId);
      if (id) navigate('/alerts', { replace: true });
    },
    [id],
  );
  // Esc: in the Electron popup window the window hides; in the console, back to the list.
  const minimise = useCallback(() => (c.popupOnly ? window.close() : navigate('/all')), [c.popupOnly]);
  const missing = id !== undefined && !c.tas.alerts.some((v) => v.alert.id === id);
  return (
    <>
      {missing && (
        <p className="form-info route-note" role="status" data-testid="alert-not-here">
          This desk holds no alert “{id}”. It may have been delivered to another desk; the list below is this desk’s.
        </p>
      )}
      <PopupView
        queue={c.queue}
        all={c.tas.alerts}
        selectedId={id ?? picked}
        pinnedId={id}
        onSelect={select}
        onMinimise={minimise}
        userId={userId}
        now={c.now}
        zones={c.tas.zones}
        mapStyleUrl={c.settings.mapStyleUrl}
        dark={c.settings.theme === 'dark'}
      />
    </>
  );
}
