/** The link state. When alerts may not be arriving the banner is impossible to miss. */
import type { Presence } from '../../shared/ipc.js';
import { clockTime } from '../model/time.js';

export function PresenceBanner({ presence }: { presence?: Presence }): React.JSX.Element | null {
  if (!presence) return null;
  if (presence.state === 'connected' && !presence.gap) return null;
  const down = presence.state !== 'connected';
  return (
    <div className={`presence ${presence.alarm ? 'presence-alarm' : down ? 'presence-down' : 'presence-gap'}`} role="alert" data-testid="presence-banner">
      {down ? (
        <>
          <strong>NOT RECEIVING ALERTS</strong> since {clockTime(presence.since)} ({presence.state === 'connecting' ? 'reconnecting…' : presence.state.replace('_', ' ')})
          {presence.lastError && <span> · {presence.lastError}</span>}
        </>
      ) : (
        <>
          <strong>Some older alerts could not be replayed</strong> to this desk: what did reach you is in{' '}
          <a href="#/history" data-testid="presence-history-link">
            My alert history
          </a>
          ; for alerts older than the replay window, ask dispatch.
        </>
      )}
    </div>
  );
}
