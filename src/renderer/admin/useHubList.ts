/**
 * Reads a list from the hub through one admin channel and keeps its refusal for HubProblem:
 * the admin screens' common first step. `reload()` after every change, since the hub is the
 * source of truth (and may have changed the item in ways the form did not say).
 */
import { useCallback, useEffect, useState } from 'react';
import type { HubProblemError } from '../console/HubProblem.js';

type Answer<T> = { ok: true; value: T } | { ok: false; error: HubProblemError };

export function useHubList<T>(read: () => Promise<Answer<T[]>>): {
  items: T[] | undefined;
  error: HubProblemError | undefined;
  reload: () => Promise<void>;
} {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<HubProblemError>();
  const reload = useCallback(async () => {
    try {
      const r = await read();
      if (r.ok) {
        setItems(r.value);
        setError(undefined);
      } else setError(r.error);
    } catch (err) {
      setError({ code: 'failed', message: (err as Error).message });
    }
  }, [read]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, reload };
}
