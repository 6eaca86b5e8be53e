/**
 * The whole renderer: sign-in, the idle lock, and for a signed-in user the popup (alerts), the
 * console list and the settings, with the link banner and the alarm always on top of them.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CATEGORY_PRIORITY } from '../shared/protocol/categories.js';
import { useTas } from './state/useTas.js';
import { useNow } from './state/useNow.js';
import { useActivityPing } from './state/useActivityPing.js';
import { alertQueue } from './model/queue.js';
import { chooseAlarm, volumeFor, type SoundName } from './model/alarm.js';
import { myProgress } from './model/progress.js';
import { ESCALATE_AFTER_MS } from './model/time.js';
import { SignIn } from './session/SignIn.js';
import { LockScreen } from './session/LockScreen.js';
import { PopupView } from './popup/PopupView.js';
import { AlertList } from './console/AlertList.js';
import { SettingsPanel } from './console/SettingsPanel.js';
import { PresenceBanner } from './console/PresenceBanner.js';
import { TopBar, type View } from './console/TopBar.js';
import { AlarmPlayer, type OneShot } from './sound/AlarmPlayer.js';

export function App(): React.JSX.Element {
  const s = useTas();
  const now = useNow();
  const [view, setView] = useState<View>('alerts');
  const [selectedId, setSelectedId] = useState<string>();
  const [pinnedId, setPinnedId] = useState<string>();
  const [oneShot, setOneShot] = useState<OneShot>();
  const [lockedSince, setLockedSince] = useState<string>();
  const escalated = useRef(new Set<string>());
  const seen = useRef(new Set<string>());
  useActivityPing(Boolean(s.session?.signedIn && !s.session.locked));

  const userId = s.session?.user?.id;
  const settings = s.settings ?? { volume: 1, quiet: false, theme: 'dark' as const, categories: [], hubUrl: '' };
  const queue = useMemo(() => (userId ? alertQueue(s.alerts, userId) : []), [s.alerts, userId]);

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
  }, [settings.theme]);

  // A new alert brings the popup back to the front (the Electron popup window is always on top).
  useEffect(() => {
    let fresh = false;
    for (const v of s.alerts) {
      if (!seen.current.has(v.alert.id)) {
        seen.current.add(v.alert.id);
        fresh = true;
      }
    }
    if (fresh) setView('alerts');
  }, [s.alerts]);

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

  const lockedNew = s.locked
    .filter((a) => lockedSince !== undefined && a.receivedAt > lockedSince)
    .sort((a, b) => CATEGORY_PRIORITY[a.category] - CATEGORY_PRIORITY[b.category])
    .map((a) => a.category);
  const alarm = s.session?.signedIn ? chooseAlarm(queue, userId, s.presence, settings, s.policy?.mandatoryCategories, lockedNew) : undefined;

  const onTest = useCallback(
    (sound: SoundName) => setOneShot({ sound, volume: Math.max(settings.volume, 0.5), key: `test-${sound}-${Date.now()}` }),
    [settings.volume],
  );
  // The Electron host opens the always-on-top popup window at index.html#popup: alerts only, and
  // Esc closes the window (the main process hides it instead). Elsewhere Esc goes to the console.
  const popupOnly = window.location.hash.startsWith('#popup');
  const minimise = useCallback(() => (popupOnly ? window.close() : setView('console')), [popupOnly]);
  const open = useCallback((id: string) => {
    setSelectedId(id);
    setPinnedId(id);
    setView('alerts');
  }, []);
  const select = useCallback((id: string) => {
    setSelectedId(id);
    setPinnedId(undefined);
  }, []);

  if (s.hostError && !s.session) {
    return (
      <main className="fatal" role="alert">
        <h1>Cannot reach the OpenTAS app</h1>
        <p>{s.hostError}</p>
      </main>
    );
  }
  if (!s.session) return <main className="loading">Starting…</main>;
  if (!s.session.signedIn) return <SignIn banner={s.session.banner} hubUrl={s.session.hubUrl} />;

  return (
    <div className="app" data-view={view}>
      <TopBar view={popupOnly ? 'alerts' : view} onView={popupOnly ? () => undefined : setView} tabs={!popupOnly} user={s.session.user} presence={s.presence} openCount={queue.length} locked={s.session.locked} />
      <PresenceBanner presence={s.presence} />
      {s.session.locked ? (
        <LockScreen items={s.locked} username={s.session.user?.username} />
      ) : (view === 'alerts' || popupOnly) && userId ? (
        <PopupView queue={queue} all={s.alerts} selectedId={selectedId} pinnedId={pinnedId} onSelect={select} onMinimise={minimise} userId={userId} now={now} zones={s.zones} mapStyleUrl={settings.mapStyleUrl} dark={settings.theme === 'dark'} />
      ) : view === 'settings' ? (
        <SettingsPanel settings={settings} mandatory={s.policy?.mandatoryCategories ?? []} onChange={(p) => void s.setSettings(p)} onTest={onTest} />
      ) : (
        <AlertList alerts={s.alerts} userId={userId ?? ''} now={now} onOpen={open} />
      )}
      <AlarmPlayer alarm={alarm} oneShot={oneShot} />
    </div>
  );
}
