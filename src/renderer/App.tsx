/**
 * The whole renderer: sign-in, the idle lock, and for a signed-in user the console whose screens
 * follow the user's roles (the SCREENS table, addressed by the hash router), with the link banner
 * and the alarm always on top of them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORY_PRIORITY } from '../shared/protocol/categories.js';
import type { AlertView } from '../shared/ipc.js';
import { useTas } from './state/useTas.js';
import { useNow } from './state/useNow.js';
import { useActivityPing } from './state/useActivityPing.js';
import { alertQueue } from './model/queue.js';
import { chooseAlarm, volumeFor, type SoundName } from './model/alarm.js';
import { myProgress } from './model/progress.js';
import { ESCALATE_AFTER_MS } from './model/time.js';
import { SignIn } from './session/SignIn.js';
import { LockScreen } from './session/LockScreen.js';
import { SetupSteps } from './session/SetupSteps.js';
import { PresenceBanner } from './console/PresenceBanner.js';
import { EscalationBanner } from './review/EscalationBanner.js';
import { TopBar } from './console/TopBar.js';
import { ConsoleContext, type ConsoleState } from './console/ConsoleContext.js';
import { NewAlertNotice } from './console/NewAlertNotice.js';
import { RouteOutlet } from './console/RouteOutlet.js';
import { RECEIVING_ROLES, SCREENS } from './console/screens.js';
import { basePath, homeOf, mayOpen, screenAt } from './console/access.js';
import { navigate, useRoutePath } from './router/useRoute.js';
import { pathTo } from './router/match.js';
import { AlarmPlayer, type OneShot } from './sound/AlarmPlayer.js';
import { SpokenAlerts } from './speech/SpokenAlerts.js';

export function App(): React.JSX.Element {
  const s = useTas();
  const now = useNow();
  const path = useRoutePath();
  const [oneShot, setOneShot] = useState<OneShot>();
  const [lockedSince, setLockedSince] = useState<string>();
  const [notice, setNotice] = useState<AlertView>();
  const escalated = useRef(new Set<string>());
  const seen = useRef(new Set<string>());
  // Alerts this desk held before this page loaded are not "new" (a reload must not leave a deep link).
  const startedAt = useRef(new Date().toISOString());
  useActivityPing(Boolean(s.session?.signedIn && !s.session.locked));

  const user = s.session?.user;
  const userId = user?.id;
  const roles = useMemo(() => user?.roles ?? [], [user?.roles]);
  const receives = roles.some((r) => RECEIVING_ROLES.includes(r));
  const settings = s.settings ?? { volume: 1, quiet: false, theme: 'dark' as const, categories: [], hubUrl: '' };
  // Only those whose console has the Alerts screen have a queue (and so an alarm): a supervisor or
  // an admin could not reach an alert that sounded.
  const queue = useMemo(() => (userId && receives ? alertQueue(s.alerts, userId) : []), [s.alerts, userId, receives]);
  // The Electron host opens the always-on-top popup window at index.html#popup: alerts only.
  const popupOnly = window.location.hash.startsWith('#popup');

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);

  // A new alert brings a trooper to the Alerts screen (the Electron popup window is always on top).
  // Anyone else who receives alerts (a dispatcher) may be mid-way through drawing a zone: the alarm
  // sounds and a notice offers the alert instead of tearing the screen away.
  useEffect(() => {
    let newest: AlertView | undefined;
    for (const v of s.alerts) {
      if (!seen.current.has(v.alert.id)) {
        seen.current.add(v.alert.id);
        if (v.receivedAt >= startedAt.current && (!newest || v.seq > newest.seq)) newest = v;
      }
    }
    if (!newest || !receives || popupOnly) return;
    if (roles.includes('trooper')) {
      if (!window.location.hash.startsWith('#/alerts')) navigate('/alerts');
    } else if (!window.location.hash.startsWith('#/alerts')) {
      setNotice(newest);
    }
  }, [s.alerts, receives, roles, popupOnly]);

  // A click on an alert's desktop notification: that alert, in the console or the popup window.
  useEffect(() => window.tas?.on('alerts:open', ({ alertId }) => navigate(pathTo('/alerts', alertId))), []);

  useEffect(() => {
    setLockedSince((was) => (s.session?.locked ? (was ?? new Date().toISOString()) : undefined));
  }, [s.session?.locked]);

  // Ten minutes unverified: the card turns red (AlertCard) and the escalation sound plays once.
  useEffect(() => {
    if (!userId) return;
    for (const v of queue) {
      const late = now - Date.parse(v.alert.hit.readAt) >= ESCALATE_AFTER_MS;
      if (late && !myProgress(v, userId).verified && !escalated.current.has(v.alert.id)) {
        escalated.current.add(v.alert.id);
        setOneShot({ sound: 'overdue', volume: volumeFor(v.alert.hit.category, settings, s.policy?.mandatoryCategories), key: `overdue-${v.alert.id}` });
      }
    }
  }, [now, queue, userId, settings, s.policy]);

  const home = homeOf(SCREENS, roles);
  const homePath = home ? basePath(home) : '/settings';
  const signedIn = Boolean(s.session?.signedIn);
  // A bare address (a fresh sign-in, `#/`) lands on the user's first screen; back does not return to it.
  useEffect(() => {
    if (signedIn && !popupOnly && path === '/') navigate(homePath, { replace: true });
  }, [signedIn, popupOnly, path, homePath]);
  useEffect(() => {
    if (path.startsWith('/alerts')) setNotice(undefined);
  }, [path]);

  const lockedNew = s.locked
    .filter((a) => lockedSince !== undefined && a.receivedAt > lockedSince)
    .sort((a, b) => CATEGORY_PRIORITY[a.category] - CATEGORY_PRIORITY[b.category])
    .map((a) => a.category);
  const alarm = signedIn ? chooseAlarm(queue, userId, s.presence, settings, s.policy?.mandatoryCategories, lockedNew) : undefined;

  const playOnce = useCallback(
    (sound: SoundName) => setOneShot({ sound, volume: Math.max(settings.volume, 0.5), key: `test-${sound}-${Date.now()}` }),
    [settings.volume],
  );
  const consoleState = useMemo<ConsoleState | undefined>(
    () => (user ? { tas: s, user, settings, now, queue, popupOnly, playOnce } : undefined),
    [s, user, settings, now, queue, popupOnly, playOnce],
  );

  if (s.hostError && !s.session) {
    return (
      <main className="fatal" role="alert">
        <h1>Cannot reach the OpenTAS app</h1>
        <p>{s.hostError}</p>
      </main>
    );
  }
  if (!s.session) return <main className="loading">Starting…</main>;
  if (!s.session.signedIn || !consoleState) {
    if (s.session.step) return <SetupSteps step={s.session.step} banner={s.session.banner} />;
    return <SignIn banner={s.session.banner} hubUrl={s.session.hubUrl} ended={s.session.ended} />;
  }

  // The popup window shows the Alerts screen whatever follows `#popup` (`#popup/alerts/<id>` opens one).
  const at = screenAt(popupOnly ? SCREENS.filter((x) => x.id === 'alerts') : SCREENS, popupOnly && path === '/' ? '/alerts' : path);
  const nav = SCREENS.filter((x) => mayOpen(x, roles)).map((x) => ({ id: x.id, title: x.title, to: basePath(x) }));

  return (
    <ConsoleContext.Provider value={consoleState}>
      <div className="app" data-screen={at?.screen.id ?? 'none'}>
        <TopBar items={popupOnly ? [] : nav} current={at?.screen.id} user={user} presence={s.presence} openCount={queue.length} locked={s.session.locked} />
        <PresenceBanner presence={s.presence} />
        {!popupOnly && <EscalationBanner />}
        {notice && !s.session.locked && <NewAlertNotice view={notice} onDismiss={() => setNotice(undefined)} />}
        {s.session.locked ? (
          <LockScreen items={s.locked} username={user?.username} quitAsked={s.session.quitAsked} />
        ) : path === '/' && !popupOnly ? (
          <main className="loading">Opening your console…</main>
        ) : (
          <RouteOutlet at={at} path={path} roles={roles} homePath={homePath} />
        )}
        <AlarmPlayer alarm={alarm} oneShot={oneShot} />
        {/* One voice per desk: the Electron popup window (#popup) runs this App too, beside the console. */}
        {receives && !popupOnly && <SpokenAlerts alerts={s.alerts} locked={s.locked} setting={settings.speech} mandatory={s.policy?.mandatoryCategories} />}
      </div>
    </ConsoleContext.Provider>
  );
}
