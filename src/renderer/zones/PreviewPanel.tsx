/**
 * Before saving: what the shape would have caught in the last 7 days (alerts by category) and
 * which cameras stand inside it. The alerts of the shape's bounding box are read once from the hub
 * (GET /alerts, paged in the main process) and kept while the shape stays inside that box, so
 * dragging a corner recounts at once without asking the hub again.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlertPoint } from '../../shared/ipc-zones.js';
import type { ZoneGeometry } from '../../shared/protocol/zone.js';
import { tas } from '../api.js';
import { CategoryBadge } from '../popup/CategoryBadge.js';
import { previewOf, type Preview } from './model/preview.js';
import { boundsOfRings } from './model/rings.js';

const WEEK_MS = 7 * 24 * 3600_000;
/** The box read from the hub is the shape's, grown by this much, so small edits stay inside it. */
const MARGIN_DEG = 0.25;

type Box = [number, number, number, number];
const within = (inner: Box, outer: Box): boolean => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];

function boxOf(geometry: ZoneGeometry): Box | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return boundsOfRings(polygons.map((rings) => ({ ring: (rings[0] ?? []) as [number, number][] })));
}

export function PreviewPanel({ geometry, valid }: { geometry: ZoneGeometry | undefined; valid: boolean }): React.JSX.Element {
  const cache = useRef<{ box: Box; since: number; items: AlertPoint[]; truncated: boolean }>(undefined);
  const [preview, setPreview] = useState<Preview & { truncated: boolean }>();
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!geometry || !valid) {
      setPreview(undefined);
      return;
    }
    const box = boxOf(geometry);
    if (!box) return;
    let cancelled = false;
    const c = cache.current;
    if (c && within(box, c.box) && Date.now() - c.since < 10 * 60_000) {
      setPreview({ ...previewOf(geometry, c.items), truncated: c.truncated });
      return;
    }
    // Wait for the hand to rest: a drag would otherwise ask the hub on every frame.
    const timer = setTimeout(() => {
      const grown: Box = [Math.max(-180, box[0] - MARGIN_DEG), Math.max(-90, box[1] - MARGIN_DEG), Math.min(180, box[2] + MARGIN_DEG), Math.min(90, box[3] + MARGIN_DEG)];
      setState('loading');
      void tas()
        .invoke('zones:recentAlerts', { since: new Date(Date.now() - WEEK_MS).toISOString(), bbox: grown })
        .then((answer) => {
          if (cancelled) return;
          if (!answer.ok) {
            setState('error');
            setError(answer.error.message);
            return;
          }
          cache.current = { box: grown, since: Date.now(), items: answer.value.items, truncated: answer.value.truncated };
          setPreview({ ...previewOf(geometry, answer.value.items), truncated: answer.value.truncated });
          setState('idle');
        });
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [geometry, valid]);

  return (
    <section className="zone-preview" aria-labelledby="preview-title" data-testid="zone-preview">
      <h3 id="preview-title">Last 7 days inside this shape</h3>
      {!geometry || !valid ? (
        <p className="muted">Shown once the shape is complete and has no problems.</p>
      ) : state === 'error' ? (
        <p className="form-error">Could not read the recent alerts: {error}</p>
      ) : !preview ? (
        <p className="muted">Counting…</p>
      ) : (
        <>
          <p className="preview-total" data-testid="preview-total">
            <strong>{preview.total.toLocaleString('en-US')}</strong> alert{preview.total === 1 ? '' : 's'} · <strong>{preview.cameras.length}</strong> camera{preview.cameras.length === 1 ? '' : 's'} inside
            {state === 'loading' && <span className="muted"> (updating…)</span>}
          </p>
          {preview.truncated && <p className="hint warn">More alerts than the preview reads (200,000): the counts are a lower bound.</p>}
          {preview.byCategory.length > 0 && (
            <ul className="preview-cats">
              {preview.byCategory.map((c) => (
                <li key={c.category}>
                  <CategoryBadge category={c.category} size="small" /> <span className="mono">{c.count}</span>
                </li>
              ))}
            </ul>
          )}
          {preview.cameras.length > 0 && (
            <details>
              <summary>Cameras inside ({preview.cameras.length})</summary>
              <ul className="preview-cams">
                {preview.cameras.slice(0, 50).map((cam) => (
                  <li key={cam.id}>
                    {cam.name} <span className="muted">({cam.alerts})</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
