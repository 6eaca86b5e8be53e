/**
 * Which sound must play now, and how loud. Pure, so the rules are unit-tested:
 * - the NOT RECEIVING ALERTS alarm wins while the link is down past its threshold;
 * - otherwise the most urgent alert this desk has not acknowledged, looped until it is;
 * - mandatory categories can never be muted: at least MANDATORY_FLOOR, and "quiet" does not touch
 *   them; "quiet" lowers the other categories only.
 */
import { isMandatory, type Category } from '../../shared/protocol/categories.js';
import type { AlertView, Presence, Settings } from '../../shared/ipc.js';
import { CATEGORY_LOOK, type SoundGroup } from './categoryLook.js';
import { myProgress } from './progress.js';

export const MANDATORY_FLOOR = 0.5;
export const QUIET_FACTOR = 0.25;

export type SoundName = SoundGroup | 'link-lost' | 'overdue';

export interface AlarmChoice {
  sound: SoundName;
  volume: number;
  category?: Category;
}

export function volumeFor(category: Category | undefined, settings: Pick<Settings, 'volume' | 'quiet'>, mandatory?: readonly Category[]): number {
  // The link alarm (no category) is as loud as a mandatory alert: a silent outage is the other worst case.
  if (category === undefined || isMandatory(category, mandatory)) return Math.max(settings.volume, MANDATORY_FLOOR);
  return settings.quiet ? settings.volume * QUIET_FACTOR : settings.volume;
}

/**
 * `queue` is already in priority order; `lockedCategories` are the categories of alerts that arrived
 * while the console is locked (their details are hidden, but they still sound).
 */
export function chooseAlarm(
  queue: readonly AlertView[],
  userId: string | undefined,
  presence: Presence | undefined,
  settings: Pick<Settings, 'volume' | 'quiet'>,
  mandatory?: readonly Category[],
  lockedCategories: readonly Category[] = [],
): AlarmChoice | undefined {
  if (presence?.alarm) return { sound: 'link-lost', volume: volumeFor(undefined, settings, mandatory) };
  const first = userId ? queue.find((v) => !myProgress(v, userId).acknowledged) : undefined;
  const category = first?.alert.hit.category ?? lockedCategories[0];
  if (category === undefined) return undefined;
  return { sound: CATEGORY_LOOK[category].sound, volume: volumeFor(category, settings, mandatory), category };
}
