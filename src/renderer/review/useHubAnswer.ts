/**
 * Asks the main process once per change of `key` and keeps the answer: the value, the hub's
 * refusal (for HubProblem), or "loading". An answer that arrives after the key changed is dropped,
 * so a slow first query cannot overwrite a newer one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HubProblemError } from '../console/HubProblem.js';

export type HubAnswer<T> = { ok: true; value: T } | { ok: false; error: HubProblemError };

export type Loaded<T> =
  { state: 'loading' } | { state: 'ok'; value: T } | { state: 'failed'; error: HubProblemError };

export function useHubAnswer<T>(
  ask: () => Promise<HubAnswer<T>>,
  key: string,
): Loaded<T> & { reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const askRef = useRef(ask);
  askRef.current = ask;

  useEffect(() => {
    const mine = ++latest.current;
    setLoaded({ state: 'loading' });
    askRef
      .current()
      .then((answer) => {
        if (mine !== latest.current) return;
        setLoaded(
          answer.ok ? { state: 'ok', value: answer.value } : { state: 'failed', error: answer.error },
        );
      })
      .catch((err: Error & { code?: string }) => {
        if (mine === latest.current)
          setLoaded({ state: 'failed', error: { code: err.code ?? 'failed', message: err.message } });
      });
  }, [key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...loaded, reload };
}
