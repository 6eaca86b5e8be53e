/**
 * The evidence export on the hub (docs/protocol.md 1.1): make the package, fetch it, check that its
 * SHA-256 is the one the hub answered, and save it under the desk's evidence folder with a name
 * that cannot leave it. The zip is written mode 0600: it holds plate images.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceExport, SavedEvidence } from '../../shared/ipc-evidence.js';
import { ExportCreated } from '../../shared/protocol/evidence.js';
import { HubError } from '../../shared/hub-error.js';
import type { HubApi } from './hub-api.js';

const MAX_PACKAGE_BYTES = 16 * 1024 * 1024;

export async function exportEvidence(hub: HubApi, token: string, folder: string, request: EvidenceExport): Promise<SavedEvidence> {
  const { alertId, ...body } = request;
  const created = await hub.call('POST', `/alerts/${encodeURIComponent(alertId)}/exports`, ExportCreated, { token, body });
  let response: Response;
  try {
    response = await fetch(`${hub.base}/api/v1/exports/${encodeURIComponent(created.id)}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new HubError(0, 'hub_unreachable', `The hub could not be reached (${(err as Error).message}).`);
  }
  if (!response.ok) throw new HubError(response.status, 'hub_error', `The export was recorded but its download failed (the hub answered ${response.status}); ask a supervisor for export ${created.id}.`);
  const zip = Buffer.from(await response.arrayBuffer());
  if (zip.length > MAX_PACKAGE_BYTES) throw new HubError(413, 'too_large', 'The package is larger than this desk saves.');
  const sha256 = createHash('sha256').update(zip).digest('hex');
  if (sha256 !== created.sha256) throw new HubError(0, 'hash_mismatch', `The downloaded package's SHA-256 is not the one the hub recorded; it was not saved.`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const safeAlert = alertId.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80);
  const savedTo = join(folder, `evidence-${safeAlert}-${sha256.slice(0, 12)}.zip`);
  await writeFile(savedTo, zip, { mode: 0o600 });
  return { id: created.id, sha256, savedTo, bytes: zip.length };
}
