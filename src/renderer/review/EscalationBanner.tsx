/**
 * The escalation banner: the hub says an alert delivered to a unit of this supervisor or dispatcher
 * has gone 10 minutes without anyone verifying it. It stays on top of every screen until dismissed
 * or opened, and the 'overdue' sound plays once per escalation. Newest first; several stack.
 */
import { useEffect, useState } from 'react';
import type { Escalation } from '../../shared/ipc-review.js';
import { CATEGORY_LABELS } from '../../shared/protocol/categories.js';
import { tas } from '../api.js';
import { useConsole } from '../console/ConsoleContext.js';
import { navigate } from '../router/useRoute.js';
import { dateTime } from './format.js';
import './review.css';

/** More than this many at once collapse into a count: a banner must not cover the whole console. */
const SHOWN = 3;

export function EscalationBanner(): React.JSX.Element | null {
  const { playOnce } = useConsole();
  const [open, setOpen] = useState<Escalation[]>([]);

  useEffect(
    () =>
      tas().on('review:escalation', (e) => {
        setOpen((list) => (list.some((x) => x.alertId === e.alertId) ? list : [e, ...list]));
        playOnce('overdue');
      }),
    [playOnce],
  );

  if (open.length === 0) return null;
  const dismiss = (alertId: string): void => setOpen((list) => list.filter((x) => x.alertId !== alertId));
  return (
    <section className="escalations" aria-label="Escalated alerts" data-testid="escalation-banner">
      {open.slice(0, SHOWN).map((e) => (
        <div key={e.alertId} className="escalation" role="alert" data-alert-id={e.alertId}>
          {/* Drawn, not an emoji: desks without an emoji font showed an empty box. */}
          <svg className="escalation-mark" aria-hidden="true" viewBox="0 0 24 24" width="26" height="26">
            <circle cx="12" cy="13" r="8.5" fill="none" stroke="currentColor" strokeWidth="2.4" />
            <path
              d="M12 8.5V13l3 2.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.4"
              strokeLinecap="round"
            />
            <path d="M4 5.5 7 3M20 5.5 17 3" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          </svg>
          <p>
            <strong>
              ESCALATED: nobody has verified {e.category ? CATEGORY_LABELS[e.category] : 'an alert'}
            </strong>
            {e.plate && (
              <>
                {' '}
                <span className="mono">{e.plate}</span>
              </>
            )}{' '}
            {e.deliveredAt ? `delivered ${dateTime(e.deliveredAt)}` : ''}
            {e.units.length > 0 ? ` to ${e.units.join(', ')}` : ''}. Call the desk or take it.
          </p>
          <button
            type="button"
            className="escalation-open"
            onClick={() => {
              dismiss(e.alertId);
              navigate(`/trail/${encodeURIComponent(e.alertId)}`);
            }}
          >
            Open trail
          </button>
          <button
            type="button"
            className="secondary escalation-dismiss"
            onClick={() => dismiss(e.alertId)}
            aria-label={`Dismiss the escalation of ${e.plate ?? e.alertId}`}
          >
            Dismiss
          </button>
        </div>
      ))}
      {open.length > SHOWN && (
        <p className="escalation-more">and {open.length - SHOWN} more escalated alerts</p>
      )}
    </section>
  );
}
