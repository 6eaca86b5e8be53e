/**
 * Saves a file the main process fetched from the hub (the token never reaches the page): the bytes
 * become a blob and an <a download> is clicked. Electron turns that into its save dialog
 * (will-download); a browser into a download. Either way the hub has already recorded the export.
 */
import type { DownloadRequest } from '../../shared/ipc-review.js';
import type { HubProblemError } from '../console/HubProblem.js';
import { tas } from '../api.js';

export function saveBytes(filename: string, mime: string, base64: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob over; keep it a moment for slow save dialogs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Asks for the file and saves it; answers the refusal (in words) when the hub says no. */
export async function downloadFile(
  request: DownloadRequest,
): Promise<{ ok: true; filename: string; bytes: number } | { ok: false; error: HubProblemError }> {
  try {
    const answer = await tas().invoke('review:download', request);
    if (!answer.ok) return answer;
    saveBytes(answer.value.filename, answer.value.mime, answer.value.base64);
    return {
      ok: true,
      filename: answer.value.filename,
      bytes: Math.floor((answer.value.base64.length * 3) / 4),
    };
  } catch (err) {
    return { ok: false, error: { code: 'failed', message: (err as Error).message } };
  }
}
