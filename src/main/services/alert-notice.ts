/**
 * The words of an alert's desktop notification. It stays in the OS notification centre, outside
 * the app's idle lock, so it names the category and the camera, never the plate; while the console
 * is locked, the category only.
 */
import { CATEGORY_LABELS } from '../../shared/protocol/index.js';
import type { AlertNotice } from './ports.js';

export function noticeText(notice: AlertNotice): { title: string; body: string } {
  const title = `OpenTAS: ${CATEGORY_LABELS[notice.category]}`;
  if (notice.locked || !notice.camera) return { title, body: 'Unlock OpenTAS to view this alert.' };
  return { title, body: `${notice.camera}. Unverified: verify in LEADS/NCIC before acting.` };
}
