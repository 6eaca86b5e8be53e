/** The alerts waiting behind the one on screen: count and list, most urgent first. */
import type { AlertView } from '../../shared/ipc.js';
import { CategoryBadge } from './CategoryBadge.js';
import { ago } from '../model/time.js';

export function AlertQueue({ queue, currentId, onSelect, now }: { queue: AlertView[]; currentId?: string; onSelect: (id: string) => void; now: number }): React.JSX.Element {
  return (
    <nav className="queue" aria-label="Alert queue">
      <h2 data-testid="queue-count">
        {queue.length} open alert{queue.length === 1 ? '' : 's'}
        <span className="hint"> · ↑ ↓ to move</span>
      </h2>
      <ol data-testid="queue">
        {queue.map((v) => (
          <li key={v.alert.id}>
            <button
              type="button"
              className={`queue-item ${v.alert.id === currentId ? 'current' : ''}`}
              aria-current={v.alert.id === currentId ? 'true' : undefined}
              onClick={() => onSelect(v.alert.id)}
              data-alert-id={v.alert.id}
              data-category={v.alert.hit.category}
            >
              <CategoryBadge category={v.alert.hit.category} size="small" />
              <span className="queue-plate">
                {v.alert.hit.plate} <span className="muted">{v.alert.hit.plateState}</span>
              </span>
              <span className="queue-age">{ago(v.alert.hit.readAt, now)}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
