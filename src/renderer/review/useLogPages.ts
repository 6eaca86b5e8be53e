/**
 * The log as the table reads it: one page (200 entries) from the hub per request, the next page
 * asked for only when the table scrolls near the end of what it has. The log is never loaded whole
 * (the hub holds millions).
 *
 * Everything loaded belongs to one query (the filter, its order and a reload round), and is held
 * together with it: the moment the query changes, the rows, cursor and "more" of the old one are
 * gone, so a page can never be asked for with an old query's cursor, an old answer arriving late is
 * dropped, and the table (keyed by `query`) starts over at the top.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LogFilter, LogRow } from '../../shared/ipc-review.js';
import type { HubProblemError } from '../console/HubProblem.js';
import { tas } from '../api.js';

export const LOG_PAGE = 200;

export interface LogPages {
  /** Names what `rows` answer; changes with every new filter, order or reload. */
  query: string;
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

interface Loaded {
  query: string;
  rows: LogRow[];
  cursor: string | null;
  loading: boolean;
  error?: HubProblemError;
  firstPageMs?: number;
}

export function useLogPages(filter: LogFilter): LogPages {
  const key = JSON.stringify(filter);
  const [round, setRound] = useState(0);
  const query = `${round} ${key}`;
  const [loaded, setLoaded] = useState<Loaded>({ query: '', rows: [], cursor: null, loading: true });
  /** The page last asked for (query and cursor), so a page is asked for once however often the table asks. */
  const asked = useRef('');

  const ask = useCallback(
    async (mine: string, after: string | null) => {
      const started = performance.now();
      // Keeps what `mine` loaded, unless a newer query has taken over (then the answer is dropped).
      const settle = (next: (old: Loaded) => Loaded) =>
        setLoaded((old) => (old.query === mine ? next(old) : old));
      try {
        const answer = await tas().invoke('review:log', {
          ...filter,
          limit: LOG_PAGE,
          ...(after ? { cursor: after } : {}),
        });
        if (!answer.ok) {
          settle((old) => ({ ...old, loading: false, cursor: null, error: answer.error }));
          return;
        }
        settle((old) => ({
          query: mine,
          rows: after ? [...old.rows, ...answer.value.items] : answer.value.items,
          cursor: answer.value.nextCursor,
          loading: false,
          firstPageMs: after ? old.firstPageMs : Math.round(performance.now() - started),
        }));
      } catch (err) {
        const message = (err as Error).message;
        settle((old) => ({ ...old, loading: false, cursor: null, error: { code: 'failed', message } }));
      }
    },
    // Keyed by the filter's JSON: a new object with the same fields is the same query.
    [key],
  );

  useEffect(() => {
    asked.current = `${query}@`;
    setLoaded({ query, rows: [], cursor: null, loading: true });
    void ask(query, null);
  }, [query, ask]);

  const mine = loaded.query === query ? loaded : undefined;
  const loadMore = useCallback(() => {
    if (!mine || mine.loading || !mine.cursor) return;
    const page = `${query}@${mine.cursor}`;
    if (asked.current === page) return;
    asked.current = page;
    setLoaded((old) => (old.query === query ? { ...old, loading: true } : old));
    void ask(query, mine.cursor);
  }, [mine, query, ask]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    query,
    rows: mine?.rows ?? [],
    more: Boolean(mine?.cursor),
    loading: mine ? mine.loading : true,
    ...(mine?.error ? { error: mine.error } : {}),
    ...(mine?.firstPageMs !== undefined ? { firstPageMs: mine.firstPageMs } : {}),
    loadMore,
    reload,
  };
}
