/** The facts of a hit a trooper needs before picking up the radio, in a fixed order. */
import type { Hit } from '../../shared/protocol/hit.js';
import { ago, clockTime, compass, entryAgeDays } from '../model/time.js';
import { HitListAgeLine } from '../hotlists/HotlistFreshness.js';

const CAMERA_TYPES: Record<Hit['camera']['type'], string> = {
  stationary: 'Stationary',
  mobile: 'Mobile (car-mounted)',
  portable: 'Portable trailer',
  expressway: 'Expressway',
};

export function AlertFacts({ hit, now, county, listAge }: { hit: Hit; now: number; county?: string; listAge?: boolean }): React.JSX.Element {
  const age = entryAgeDays(hit.hotlist.enteredAt, now);
  const vehicle = [hit.vehicle?.color, hit.vehicle?.make, hit.vehicle?.model].filter(Boolean).join(' ');
  return (
    <dl className="facts" data-testid="facts">
      <dt>Hot list</dt>
      <dd>
        <strong>{hit.hotlist.source}</strong>: {hit.hotlist.reason}
        {hit.hotlist.owner && <span className="muted"> · added by {hit.hotlist.owner.username}</span>}
        {hit.hotlist.entryId && !hit.hotlist.owner && <span className="muted"> · entry {hit.hotlist.entryId}</span>}
        {hit.hotlist.caseNumber && <span className="muted"> · case {hit.hotlist.caseNumber}</span>}
        {listAge && <HitListAgeLine source={hit.hotlist.source} now={now} />}
      </dd>
      <dt>Entry age</dt>
      <dd>{age === undefined ? 'not given' : age === 0 ? 'entered today' : `${age} day${age === 1 ? '' : 's'}`}</dd>
      <dt>Camera</dt>
      <dd>
        <strong>{hit.camera.name}</strong> <span className="muted">· {CAMERA_TYPES[hit.camera.type]} · {hit.camera.network}</span>
      </dd>
      <dt>Where</dt>
      <dd>
        {county ?? 'county: looking up…'} <span className="muted">· {hit.location.lat.toFixed(4)}, {hit.location.lon.toFixed(4)}</span>
      </dd>
      <dt>Travelling</dt>
      <dd>{compass(hit.heading) ?? 'direction not given'}</dd>
      <dt>Read at</dt>
      <dd>
        <strong>{clockTime(hit.readAt)}</strong> <span data-testid="read-ago">({ago(hit.readAt, now)})</span>
      </dd>
      {vehicle && (
        <>
          <dt>Vehicle</dt>
          <dd>{vehicle}</dd>
        </>
      )}
      {hit.confidence !== undefined && (
        <>
          <dt>OCR confidence</dt>
          <dd>{Math.round(hit.confidence * 100)}%</dd>
        </>
      )}
    </dl>
  );
}
