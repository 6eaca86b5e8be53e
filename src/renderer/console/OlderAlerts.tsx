/**
 * Alerts older than the ones the desk keeps in memory: never silently gone. The list says how many
 * more there are and reads them back from the desk's store a page at a time (`alerts:older`).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AlertView } from '../../shared/ipc.js';
import { tas } from '../api.js';

export interface OlderAlertsState {
  items: AlertView[];
  /** How many older alerts are still unread; 0 when the list reaches the first one. */
  remaining: number;
  loading: boolean;
  error?: string;
  loadMore: () => void;
}

export function useOlderAlerts(start: number | null): OlderAlertsState {
  const [items, setItems] = useState<AlertView[]>([]);
  const [next, setNext] = useState<number | null>(start);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  // The recent list moved on (new alerts pushed some out): start again from its new end.
  useEffect(() => {
    setItems([]);
    setNext(start);
  }, [start]);

  const loadMore = useCallback(() => {
    if (next === null || loading) return;
    setLoading(true);
    setError(undefined);
    tas()
      .invoke('alerts:older', { before: next, limit: 200 })
      .then((page) => {
        if (!page.ok) return setError(page.error.message);
        setItems((have) => [...have, ...page.items]);
        setNext(page.older);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setLoading(false));
  }, [next, loading]);

  return { items, remaining: next ?? 0, loading, ...(error ? { error } : {}), loadMore };
}

export function OlderAlertsControl({ state }: { state: OlderAlertsState }): React.JSX.Element | null {
  if (state.remaining === 0 && !state.error) return null;
  return (
    <div className="older-alerts" data-testid="older-alerts">
      {state.remaining > 0 && (
        <button type="button" className="secondary" onClick={state.loadMore} disabled={state.loading}>
          {state.loading ? 'Reading older alerts…' : `Show older alerts (${state.remaining} more)`}
        </button>
      )}
      {state.error && (
        <p role="alert" className="error">
          Older alerts could not be read: {state.error}
        </p>
      )}
    </div>
  );
}
