/**
 * One alert, read top to bottom in the order a trooper needs it: what it is (category), that it is
 * not yet probable cause, how long ago, the two plates, what looks wrong, the facts, the images and
 * the map, then the steps to take.
 */
import { lazy, memo, Suspense, useCallback, useState } from 'react';
import { verificationFlags } from '../../shared/flags.js';
import type { AlertView } from '../../shared/ipc.js';
import type { Zone } from '../../shared/protocol/zone.js';
import { myProgress, takenBy } from '../model/progress.js';
import { allowsAction } from '../../shared/ack/index.js';
import { clockTime, elapsed, ESCALATE_AFTER_MS } from '../model/time.js';
import { CategoryBadge } from './CategoryBadge.js';
import { PlatePair } from './PlatePair.js';
import { FlagList } from './FlagList.js';
import { AlertFacts } from './AlertFacts.js';
import { HitImages } from './HitImages.js';
import { VerificationGate } from './VerificationGate.js';
import { CopyForReport } from './CopyForReport.js';
import { AckNow } from './AckNow.js';
import { ExportEvidence } from './ExportEvidence.js';
import { LocalEntryLine } from './LocalEntryLine.js';

const AlertMap = lazy(() => import('../map/AlertMap.js'));

export interface AlertCardProps {
  view: AlertView;
  userId: string;
  now: number;
  zones: Zone[];
  previouslyMisread: boolean;
  mapStyleUrl?: string;
  dark: boolean;
}

/**
 * Memoised: an alert arriving behind this one (a burst brings one every few milliseconds) changes
 * the queue, not this card; the card re-renders for its own view, the clock, the zones or the look.
 *
 * One card for every alert shown, so the map stays where it is and only its camera moves from alert
 * to alert (moving a WebGL map's element to another card cost up to 300 ms of a frame on a machine
 * without a GPU: the ui-burst bench). Everything else that holds state (the forms, the
 * acknowledgement, the images' dialog, the local list's look-up) sits under an element keyed by the
 * alert, so it starts afresh for each alert: nothing typed or attested for one alert can carry over
 * to another.
 */
export const AlertCard = memo(function AlertCard({ view, userId, now, zones, previouslyMisread, mapStyleUrl, dark }: AlertCardProps): React.JSX.Element {
  const hit = view.alert.hit;
  // The county the map found, for the alert it was found for.
  const [found, setFound] = useState<{ alertId: string; county: string | undefined }>();
  const county = found?.alertId === hit.id ? found.county : undefined;
  const onCounty = useCallback((name: string | undefined) => setFound({ alertId: hit.id, county: name }), [hit.id]);
  const progress = myProgress(view, userId);
  const verifiedOk = progress.verified && allowsAction(progress.verification);
  const overdue = !progress.verified && now - Date.parse(hit.readAt) >= ESCALATE_AFTER_MS;
  const flags = verificationFlags(hit, { now });
  const others = takenBy(view, userId);

  return (
    <article className={`alert-card ${overdue ? 'overdue' : ''}`} data-testid="alert-card" data-alert-id={hit.id} data-category={hit.category} aria-labelledby="alert-title">
      <header className="alert-head" key={`head-${hit.id}`}>
        <h1 id="alert-title" className="sr-only">
          Alert: {hit.category} plate {hit.plate}
        </h1>
        <CategoryBadge category={hit.category} />
        {!progress.acknowledged && <AckNow alertId={hit.id} />}
        <div className={`timer ${overdue ? 'timer-overdue' : ''}`} data-testid="timer" role="timer" aria-label={`Time since read ${elapsed(hit.readAt, now)}`}>
          <span className="timer-value">{elapsed(hit.readAt, now)}</span>
          <span className="timer-label">{overdue ? 'OVERDUE: verify now' : `since read at ${clockTime(hit.readAt)}`}</span>
        </div>
      </header>

      <LocalEntryLine key={`local-${hit.id}`} hit={hit} />

      {verifiedOk ? (
        <p className="verified-banner" data-testid="verified-banner">
          VERIFIED by you ({progress.verification?.system}): confirmed, plate and state attested
        </p>
      ) : (
        <p className="unverified-banner" data-testid="unverified-banner" role="status">
          UNVERIFIED: a hit is not probable cause; verify in LEADS/NCIC
        </p>
      )}

      {others.length > 0 && (
        <p className="taken-by" data-testid="taken-by">
          {others.map((t) => `Taken by ${t.username}${t.desk ? ` at ${t.desk}` : ' at another desk'} (${clockTime(t.at)}), ${t.latest}`).join(' · ')}
        </p>
      )}

      <div className="alert-columns">
        <div className="alert-main">
          <PlatePair key={`plates-${hit.id}`} read={hit.plate} readState={hit.plateState} listed={hit.hotlist.plate} listedState={hit.hotlist.state} />
          <FlagList key={`flags-${hit.id}`} flags={flags} previouslyMisread={previouslyMisread} />
          <div className="alert-body">
            <div className="alert-left" key={`left-${hit.id}`}>
              <AlertFacts hit={hit} now={now} county={county} listAge />
              <HitImages images={hit.images} />
              <CopyForReport hit={hit} county={county} mine={view.trail.filter((e) => e.userId === userId)} />
              {progress.actionTaken && <ExportEvidence alertId={hit.id} caseNumber={[...view.trail].reverse().find((e) => e.userId === userId && e.type === 'action_taken')?.action?.caseNumber} />}
            </div>
            <div className="alert-right">
              <Suspense fallback={<div className="map map-loading">Loading map…</div>}>
                <AlertMap hit={hit} zones={zones} styleUrl={mapStyleUrl} dark={dark} onCounty={onCounty} />
              </Suspense>
            </div>
          </div>
        </div>
        {/* On a wide desk monitor the steps sit beside the facts, so nothing needs scrolling. */}
        <div className="alert-side" key={`side-${hit.id}`}>
          <VerificationGate view={view} userId={userId} />
        </div>
      </div>
    </article>
  );
});
