/**
 * The acknowledgement log as a table that stays fast at any size: only the rows in view (and a few
 * around them) are in the DOM (@tanstack/react-virtual), and the next page is asked for when the
 * view nears the end of what is loaded. ARIA table roles with row indexes, so a screen reader
 * knows where it is in a list it never sees whole.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { LogRow } from '../../shared/ipc-review.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { Link } from '../router/Link.js';
import { dateTime, RESULT_WORDS, STEP_WORDS, words } from './format.js';

const ROW_PX = 44;
/** Ask for the next page this many rows before the end comes into view. */
const PREFETCH_ROWS = 60;

const COLUMNS = [
  'Time (hub)',
  'Alert',
  'Plate',
  'Category',
  'User',
  'Unit',
  'Step',
  'Verification',
  'Action',
  'Case no.',
] as const;

function outcome(row: LogRow): string {
  if (row.action) return words(row.action.kind);
  if (row.close) return `closed: ${words(row.close.reason)}`;
  return '';
}

function Row({ row }: { row: LogRow }): React.JSX.Element {
  const result = row.verification?.result;
  return (
    <>
      <span role="cell" className="mono-num">
        {dateTime(row.serverAt)}
      </span>
      <span role="cell" className="log-alert">
        <Link
          to={`/trail/${encodeURIComponent(row.alertId)}`}
          title={`Open the trail of alert ${row.alertId}`}
        >
          {row.alertId}
        </Link>
      </span>
      <span role="cell" className="mono">
        {row.plate ?? '?'} <span className="muted">{row.plateState ?? ''}</span>
      </span>
      <span role="cell">
        {row.category ? (
          <CategoryBadge category={row.category} size="small" />
        ) : (
          <span className="muted">unknown</span>
        )}
      </span>
      <span role="cell">{row.username}</span>
      <span role="cell">{row.unit ?? <span className="muted">none</span>}</span>
      <span role="cell" className={`step step-${row.type}`}>
        {STEP_WORDS[row.type]}
      </span>
      <span role="cell" className={result ? `result result-${result}` : ''}>
        {result ? `${RESULT_WORDS[result] ?? words(result)} (${row.verification?.system})` : ''}
      </span>
      <span role="cell">{outcome(row)}</span>
      <span role="cell" className="mono">
        {row.action?.caseNumber ?? ''}
      </span>
    </>
  );
}

/**
 * The scrolling body. The table mounts a new one for every query (keyed by it), so a new filter or
 * order starts at the top with a virtualizer that knows it: reusing one, the first page of the new
 * query could arrive before the scroll back to the top reached the virtualizer, which then laid the
 * new rows out at the old position and asked for a second page nobody had scrolled to.
 */
function LogRows({
  rows,
  more,
  loading,
  onNeedMore,
}: {
  rows: LogRow[];
  more: boolean;
  loading: boolean;
  onNeedMore: () => void;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (more && !loading && last >= rows.length - PREFETCH_ROWS) onNeedMore();
  }, [last, more, loading, rows.length, onNeedMore]);

  return (
    <div
      ref={scroller}
      className="log-body"
      role="rowgroup"
      tabIndex={0}
      aria-label="Log entries, scroll for more"
      data-testid="log-scroller"
    >
      <div className="log-space" style={{ height: virtual.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              role="row"
              key={row.seq}
              aria-rowindex={item.index + 2}
              className={`log-row log-entry${item.index % 2 ? ' odd' : ''}`}
              data-seq={row.seq}
              data-alert-id={row.alertId}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <Row row={row} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function LogTable({
  query,
  rows,
  more,
  loading,
  order,
  onOrder,
  onNeedMore,
}: {
  /** What the rows answer (useLogPages); a new one starts the body over. */
  query: string;
  rows: LogRow[];
  more: boolean;
  loading: boolean;
  order: 'desc' | 'asc';
  onOrder: (order: 'desc' | 'asc') => void;
  onNeedMore: () => void;
}): React.JSX.Element {
  return (
    <div
      className="log-table"
      role="table"
      aria-label="Acknowledgement log"
      aria-rowcount={more ? -1 : rows.length + 1}
      data-testid="log-table"
      data-rows={rows.length}
    >
      <div role="rowgroup" className="log-head">
        <div role="row" aria-rowindex={1} className="log-row">
          {COLUMNS.map((c) =>
            c === 'Time (hub)' ? (
              <span role="columnheader" key={c} aria-sort={order === 'desc' ? 'descending' : 'ascending'}>
                <button
                  type="button"
                  className="sort"
                  onClick={() => onOrder(order === 'desc' ? 'asc' : 'desc')}
                  data-testid="sort-time"
                >
                  Time (hub) <span aria-hidden="true">{order === 'desc' ? '▼' : '▲'}</span>
                  <span className="sr-only">
                    {order === 'desc'
                      ? ', newest first: sort oldest first'
                      : ', oldest first: sort newest first'}
                  </span>
                </button>
              </span>
            ) : (
              <span role="columnheader" key={c}>
                {c}
              </span>
            ),
          )}
        </div>
      </div>
      <LogRows key={query} rows={rows} more={more} loading={loading} onNeedMore={onNeedMore} />
    </div>
  );
}
