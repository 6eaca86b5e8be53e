/**
 * For a desk that receives alerts but is not a trooper's (a dispatcher drawing a zone): a new alert
 * is announced here, with the alarm, instead of taking the screen away from unsaved work.
 */
import type { AlertView } from '../../shared/ipc.js';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { pathTo } from '../router/match.js';
import { Link } from '../router/Link.js';

export function NewAlertNotice({ view, onDismiss }: { view: AlertView; onDismiss: () => void }): React.JSX.Element {
  const hit = view.alert.hit;
  return (
    <div className="new-alert-notice" role="alert" data-testid="new-alert-notice">
      <strong>New alert: {CATEGORY_LABELS[hit.category]}</strong>
      <span className="mono">
        {hit.plate} {hit.plateState}
      </span>
      <span>{hit.camera.name}</span>
      <Link to={pathTo('/alerts', view.alert.id)} className="notice-open">
        Open this alert
      </Link>
      <button type="button" className="secondary" onClick={onDismiss}>
        Later
      </button>
    </div>
  );
}
