/**
 * Plays what must be heard now: the NOT RECEIVING ALERTS alarm while the link is down past the
 * threshold, else the pattern of the most urgent alert this desk has not acknowledged, looped until
 * it is; plus one-shots (the 10-minute escalation, the settings "test" button). Real <audio>
 * elements in the page, so the `playing` event is observable and autoplay rules are the page's.
 */
import { useEffect, useRef } from 'react';
import type { AlarmChoice as Alarm } from '../model/alarm.js';
import { SOUND_URLS } from './sounds.js';

export interface OneShot extends Alarm {
  /** Changes each time the same sound must play again. */
  key: string;
}

function Player({ alarm, loop, testId }: { alarm: Alarm; loop: boolean; testId: string }): React.JSX.Element {
  const el = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const a = el.current;
    if (!a) return;
    a.volume = alarm.volume;
  }, [alarm.volume]);
  useEffect(() => {
    const a = el.current;
    if (!a) return;
    a.volume = alarm.volume;
    a.currentTime = 0;
    // Blocked autoplay must not break the popup; the visual alert stays.
    void a.play().catch(() => undefined);
    return () => a.pause();
  }, [alarm.sound]);
  return <audio ref={el} src={SOUND_URLS[alarm.sound]} loop={loop} data-testid={testId} data-sound={alarm.sound} data-category={alarm.category} preload="auto" />;
}

export function AlarmPlayer({ alarm, oneShot }: { alarm?: Alarm; oneShot?: OneShot }): React.JSX.Element {
  return (
    <div className="sr-only" aria-hidden="true">
      {alarm && <Player key={alarm.sound} alarm={alarm} loop testId="alarm-audio" />}
      {oneShot && <Player key={oneShot.key} alarm={oneShot} loop={false} testId="oneshot-audio" />}
    </div>
  );
}
