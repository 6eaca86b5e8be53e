/**
 * The Acknowledge button at the top of the alert, next to the category: the first thing a
 * trooper does (it silences the alarm), so it is never below the fold of a small popup window.
 */
import { useState } from 'react';
import { tas } from '../api.js';

export function AckNow({ alertId }: { alertId: string }): React.JSX.Element {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function ack(): Promise<void> {
    setBusy(true);
    try {
      const r = await tas().invoke('ack:send', { alertId, type: 'acknowledged' });
      if (!r.ok) setError(r.error.message);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="ack-now">
      <button type="button" className="primary big" onClick={() => void ack()} disabled={busy} aria-keyshortcuts="A" data-testid="ack-now">
        Acknowledge <kbd>A</kbd>
      </button>
      {error && (
        <span role="alert" className="form-error">
          {error}
        </span>
      )}
    </div>
  );
}
