/**
 * How each category looks and sounds. Colour is never the only cue: every category also has an
 * icon and its label. The sound group decides the alarm pattern (AMBER/SILVER most urgent).
 */
import type { Category } from '../../shared/protocol/categories.js';

export type SoundGroup = 'urgent' | 'vehicle' | 'person' | 'info';
export type IconName = 'child' | 'elder' | 'felony' | 'car' | 'person' | 'search' | 'card' | 'shield' | 'list' | 'dot';

export interface CategoryLook {
  /** Badge background; text colour is chosen for WCAG AA contrast with it. */
  background: string;
  foreground: string;
  icon: IconName;
  sound: SoundGroup;
}

export const CATEGORY_LOOK: Record<Category, CategoryLook> = {
  amber: { background: '#ffbf00', foreground: '#000000', icon: 'child', sound: 'urgent' },
  silver: { background: '#cfd8dc', foreground: '#000000', icon: 'elder', sound: 'urgent' },
  felony: { background: '#b3261e', foreground: '#ffffff', icon: 'felony', sound: 'vehicle' },
  stolen: { background: '#6a1b9a', foreground: '#ffffff', icon: 'car', sound: 'vehicle' },
  wanted_person: { background: '#0d47a1', foreground: '#ffffff', icon: 'person', sound: 'person' },
  missing_person: { background: '#00695c', foreground: '#ffffff', icon: 'search', sound: 'person' },
  protection_order: { background: '#4e342e', foreground: '#ffffff', icon: 'shield', sound: 'person' },
  registration: { background: '#37474f', foreground: '#ffffff', icon: 'card', sound: 'info' },
  local: { background: '#1b5e20', foreground: '#ffffff', icon: 'list', sound: 'info' },
  other: { background: '#424242', foreground: '#ffffff', icon: 'dot', sound: 'info' },
};
