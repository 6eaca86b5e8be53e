/**
 * Speaks each new alert once, after its sound has started (the sound says "look", the voice says
 * what): the category, the NATO-spelled plate with its state and the camera's road; only the
 * category while the console is locked. By default the mandatory categories only (Settings).
 *
 * Alerts this page held before it loaded are not new (a reload must not read them all out again).
 * An alert is keyed by its seq, so one heard while locked is not read again, plate and all, when
 * the console unlocks.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { AlertView, LockedAlertView } from '../../shared/ipc.js';
import { isMandatory, type Category } from '../../shared/protocol/categories.js';
import { DEFAULT_SPEECH, type SpeechSettings } from '../../shared/speech-settings.js';
import { alertPhrase } from './phrase.js';
import { chooseSpeaker, type Speaker } from './speaker.js';

/**
 * When the alarm never starts (autoplay refused, the file missing), speak anyway after this long:
 * long enough for a loaded desk to start a sound (2.5 s was too short under load), short enough to
 * still be useful.
 */
const SOUND_WAIT_MS = 10_000;

export function shouldSpeak(category: Category, setting: SpeechSettings, mandatory?: readonly Category[]): boolean {
  if (setting.speak === 'off') return false;
  return setting.speak === 'all' || isMandatory(category, mandatory);
}

/** True when no alarm is waiting to start: none is on the page, or it is already sounding. */
function noSoundToWaitFor(): boolean {
  const a = document.querySelector<HTMLAudioElement>('audio[data-testid="alarm-audio"]');
  return !a || (!a.paused && a.currentTime > 0);
}

export function SpokenAlerts({ alerts, locked, setting, mandatory, speaker }: { alerts: readonly AlertView[]; locked: readonly LockedAlertView[]; setting?: SpeechSettings; mandatory?: readonly Category[]; speaker?: Speaker }): null {
  const voice = useMemo(() => speaker ?? chooseSpeaker(), [speaker]);
  const startedAt = useRef(new Date().toISOString());
  const heard = useRef(new Set<number>());
  const options = setting ?? DEFAULT_SPEECH;

  useEffect(() => {
    const phrases: string[] = [];
    const take = (seq: number, receivedAt: string, category: Category, phrase: () => string): void => {
      if (heard.current.has(seq) || receivedAt < startedAt.current) return;
      heard.current.add(seq);
      if (shouldSpeak(category, options, mandatory)) phrases.push(phrase());
    };
    for (const v of alerts) {
      const hit = v.alert.hit;
      take(v.seq, v.receivedAt, hit.category, () => alertPhrase({ category: hit.category, plate: hit.plate, state: hit.plateState, camera: hit.camera.name }, false));
    }
    for (const l of locked) take(l.seq, l.receivedAt, l.category, () => alertPhrase({ category: l.category }, true));
    if (phrases.length === 0) return;

    let done = false;
    const say = (): void => {
      if (done) return;
      done = true;
      document.removeEventListener('playing', onPlaying, true);
      clearTimeout(timer);
      for (const p of phrases) voice.speak(p, { rate: options.rate, ...(options.voice ? { voice: options.voice } : {}) });
    };
    function onPlaying(e: Event): void {
      if ((e.target as HTMLElement | null)?.dataset?.testid === 'alarm-audio') say();
    }
    document.addEventListener('playing', onPlaying, true);
    const timer = setTimeout(say, SOUND_WAIT_MS);
    if (noSoundToWaitFor()) say();
    // No cleanup that drops the phrases: a re-render must not swallow an alert that was taken.
  }, [alerts, locked, options, mandatory, voice]);
  return null;
}
