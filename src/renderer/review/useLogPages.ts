/**
 * The log as the table reads it: one page (200 entries) from the hub per request, the next page
 * asked for only when the table scrolls near the end of what it has. A new filter starts over; an
 * answer for an older filter is dropped. The log is never loaded whole (the hub holds millions).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogFilter, LogRow } from '../../shared/ipc-review.js';
import type { HubProblemError } from '../console/HubProblem.js';
import { tas } from '../api.js';

export const LOG_PAGE = 200;

export interface LogPages {
  rows: LogRow[];
  /** True while more entries match than are loaded. */
  more: boolean;
  loading: boolean;
  error?: HubProblemError;
  /** Milliseconds from asking to the first page on screen (shown to the supervisor, read by the benchmark). */
  firstPageMs?: number;
  loadMore: () => void;
  reload: () => void;
}

export function useLogPages(filter: LogFilter): LogPages {
  const key = JSON.stringify(filter);
  const [rows, setRows] = useState<LogRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<HubProblemError>();
  const [firstPageMs, setFirstPageMs] = useState<number>();
  const [round, setRound] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    async (mine: number, after: string | null) => {
      busy.current = true;
      setLoading(true);
      const started = performance.now();
      try {
        const answer = await tas().invoke('review:log', {
          ...filter,
          limit: LOG_PAGE,
          ...(after ? { cursor: after } : {}),
        });
        if (mine !== generation.current) return;
        if (!answer.ok) {
          setError(answer.error);
          setMore(false);
          return;
        }
        setError(undefined);
        setRows((old) => (after ? [...old, ...answer.value.items] : answer.value.items));
        setCursor(answer.value.nextCursor);
        setMore(answer.value.nextCursor !== null);
        if (!after) setFirstPageMs(Math.round(performance.now() - started));
      } catch (err) {
        if (mine === generation.current) setError({ code: 'failed', message: (err as Error).message });
      } finally {
        if (mine === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    // Keyed by the filter's JSON: a new object with the same fields is the same query.
    [key],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setRows([]);
    setCursor(null);
    setMore(false);
    setFirstPageMs(undefined);
    void fetchPage(mine, null);
  }, [fetchPage, round]);

  const loadMore = useCallback(() => {
    if (busy.current || !cursor) return;
    void fetchPage(generation.current, cursor);
  }, [cursor, fetchPage]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    rows,
    more,
    loading,
    ...(error ? { error } : {}),
    ...(firstPageMs !== undefined ? { firstPageMs } : {}),
    loadMore,
    reload,
  };
}
