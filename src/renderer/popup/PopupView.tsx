/**
 * The popup: one alert at a time, the queue beside it. Keyboard: A acknowledge, V go to the
 * verification form, arrows move through the queue, Esc minimises (back to the console).
 */
import { useEffect, useRef } from 'react';
import { CATEGORY_LABELS, CATEGORY_PRIORITY } from '../../shared/protocol/categories.js';
import { myProgress, popupTrail } from '../model/progress.js';
import type { AlertView } from '../../shared/ipc.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { nextSteps } from '../../shared/ack/index.js';
import { tas } from '../api.js';
import { AlertCard } from './AlertCard.js';
import { AlertQueue } from './AlertQueue.js';

export interface PopupViewProps {
  queue: AlertView[];
  all: AlertView[];
  selectedId?: string;
  /** Opened from the console: shown even when it is no longer open. */
  pinnedId?: string;
  onSelect: (id: string) => void;
  onMinimise: () => void;
  userId: string;
  now: number;
  zones: Zone[];
  mapStyleUrl?: string;
  dark: boolean;
}

function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))
  );
}

export function previouslyMisread(view: AlertView, all: AlertView[]): boolean {
  return all.some(
    (o) =>
      o.alert.id !== view.alert.id &&
      o.alert.hit.plate === view.alert.hit.plate &&
      o.trail.some((e) => e.type === 'closed' && e.close?.reason === 'misread'),
  );
}

export function PopupView(props: PopupViewProps): React.JSX.Element {
  const { queue, all, selectedId, onSelect, onMinimise, userId } = props;
  // The selected alert while it is still open; one opened from the console stays on screen even
  // when done; otherwise the most urgent, so closing an alert moves straight on to the next.
  // Once the trooper has acknowledged the alert on screen, a newer one never pulls it away
  // mid-verification: it waits in the queue (and sounds), with a notice if it is more urgent.
  const shown = useRef<string | undefined>(undefined);
  const current =
    queue.find((v) => v.alert.id === selectedId) ??
    all.find((v) => v.alert.id === props.pinnedId) ??
    queue.find((v) => v.alert.id === shown.current && myProgress(v, userId).acknowledged) ??
    queue[0];
  shown.current = current?.alert.id;
  const moreUrgent =
    queue[0] &&
    current &&
    CATEGORY_PRIORITY[queue[0].alert.hit.category] < CATEGORY_PRIORITY[current.alert.hit.category]
      ? queue[0]
      : undefined;

  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      if (e.key === 'Escape') {
        if (document.querySelector('dialog[open]')) return; // the image dialog closes itself first
        onMinimise();
        return;
      }
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'a' && current && nextSteps(popupTrail(current, userId), userId).acknowledge) {
        e.preventDefault();
        void tas().invoke('ack:send', { alertId: current.alert.id, type: 'acknowledged' });
      } else if (key === 'v') {
        const first = document.getElementById('verify-first');
        if (first) {
          e.preventDefault();
          first.focus();
          first.scrollIntoView({ block: 'center' });
        }
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && queue.length > 0) {
        e.preventDefault();
        const i = queue.findIndex((v) => v.alert.id === current?.alert.id);
        const next = e.key === 'ArrowDown' ? Math.min(queue.length - 1, i + 1) : Math.max(0, i - 1);
        const target = queue[next];
        if (target) onSelect(target.alert.id);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, queue, userId, onSelect, onMinimise]);

  if (!current) {
    return (
      <main className="popup popup-empty" data-testid="popup-empty">
        <h1>No open alerts</h1>
        <p>Everything is acknowledged and closed. New alerts appear here with a sound.</p>
      </main>
    );
  }
  return (
    <main className="popup">
      <AlertQueue queue={queue} currentId={current.alert.id} onSelect={onSelect} now={props.now} />
      <div className="popup-main">
        {moreUrgent && (
          <div className="more-urgent" role="alert" data-testid="more-urgent">
            <strong>{CATEGORY_LABELS[moreUrgent.alert.hit.category]}</strong> waiting (
            {moreUrgent.alert.hit.plate}): more urgent than this alert.
            <button type="button" className="primary" onClick={() => onSelect(moreUrgent.alert.id)}>
              Switch to it
            </button>
          </div>
        )}
        {/* Not keyed by alert: the card keys what holds state itself and keeps the map (AlertCard). */}
        <AlertCard
          view={current}
          userId={userId}
          now={props.now}
          zones={props.zones}
          previouslyMisread={previouslyMisread(current, all)}
          mapStyleUrl={props.mapStyleUrl}
          dark={props.dark}
        />
      </div>
    </main>
  );
}
