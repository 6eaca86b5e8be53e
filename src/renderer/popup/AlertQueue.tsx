/** The alerts waiting behind the one on screen: count and list, most urgent first. */
import { memo, useEffect, useRef } from 'react';
import type { AlertView } from '../../shared/ipc.js';
import { CategoryBadge } from './CategoryBadge.js';
import { ago } from '../model/time.js';

export function AlertQueue({ queue, currentId, onSelect, now }: { queue: AlertView[]; currentId?: string; onSelect: (id: string) => void; now: number }): React.JSX.Element {
  // The list scrolls inside the queue: the alert on screen is kept in sight there as the arrows move.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [currentId]);
  return (
    <nav className="queue" aria-label="Alert queue">
      <h2 data-testid="queue-count">
        {queue.length} open alert{queue.length === 1 ? '' : 's'}
        <span className="hint"> · ↑ ↓ to move</span>
      </h2>
      <ol data-testid="queue" ref={list}>
        {queue.map((v) => (
          <QueueItem key={v.alert.id} view={v} current={v.alert.id === currentId} onSelect={onSelect} age={ago(v.alert.hit.readAt, now)} />
        ))}
      </ol>
    </nav>
  );
}

/**
 * One line of the queue. Memoised on what it shows: in a burst an alert arrives every few
 * milliseconds and each one re-renders the queue, where only the new line and the counts change.
 */
const QueueItem = memo(function QueueItem({ view, current, onSelect, age }: { view: AlertView; current: boolean; onSelect: (id: string) => void; age: string }) {
  const { id, hit } = view.alert;
  return (
    <li>
      <button
        type="button"
        className={`queue-item ${current ? 'current' : ''}`}
        aria-current={current ? 'true' : undefined}
        onClick={() => onSelect(id)}
        data-alert-id={id}
        data-category={hit.category}
      >
        <CategoryBadge category={hit.category} size="small" />
        <span className="queue-plate">
          {hit.plate} <span className="muted">{hit.plateState}</span>
        </span>
        <span className="queue-age">{age}</span>
      </button>
    </li>
  );
});
