/**
 * The evidence package (docs/protocol.md 1.1, "Evidence export"): a zip of `hit.json` (the alert
 * without its images), `trail.json` (its acknowledgement trail at export time), the images as
 * files, and `manifest.json`, which lists every other file with its SHA-256 and carries the ack
 * log's head hash at export time plus who exported it, why and to whom. `verifyPackage` recomputes
 * every hash: it is `opentas-hub evidence verify FILE`.
 */
import { createHash } from 'node:crypto';
import type { AckEntry, Alert, ExportRequest } from '../../shared/protocol/index.js';
import { readZip, writeZip, ZipError, type ZipEntry } from './zip.js';

export const MANIFEST = 'manifest.json';
export const PACKAGE_FORMAT = 'opentas-evidence/1';

export interface PackageFacts extends ExportRequest {
  exportId: string;
  createdAt: string;
  exportedBy: { userId: string; username: string };
  /** The ack log's head hash when the package was made. */
  logHead: string;
}

export interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

function imageFiles(alert: Alert): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (const [kind, uri] of Object.entries(alert.hit.images ?? {})) {
    const m = /^data:image\/(jpeg|png);base64,(.*)$/.exec(uri ?? '');
    if (!m) continue;
    out.push({ name: `images/${kind}.${m[1] === 'jpeg' ? 'jpg' : 'png'}`, data: Buffer.from(m[2] ?? '', 'base64') });
  }
  return out;
}

export function buildPackage(alert: Alert, trail: readonly AckEntry[], facts: PackageFacts): { zip: Buffer; sha256: string } {
  const { images: _images, ...hit } = alert.hit;
  const files: ZipEntry[] = [
    { name: 'hit.json', data: json({ id: alert.id, ingestedAt: alert.ingestedAt, hit }) },
    { name: 'trail.json', data: json(trail) },
    ...imageFiles(alert),
  ];
  const manifest = {
    format: PACKAGE_FORMAT,
    exportId: facts.exportId,
    alertId: alert.id,
    createdAt: facts.createdAt,
    exportedBy: facts.exportedBy,
    purpose: facts.purpose,
    caseNumber: facts.caseNumber,
    recipient: facts.recipient,
    ...(facts.declaration ? { declaration: facts.declaration } : {}),
    logHead: facts.logHead,
    files: files.map((f): ManifestFile => ({ name: f.name, bytes: f.data.length, sha256: sha256(f.data) })),
  };
  const zip = writeZip([...files, { name: MANIFEST, data: json(manifest) }], new Date(facts.createdAt));
  return { zip, sha256: sha256(zip) };
}

export type VerifyReport =
  | { ok: true; files: ManifestFile[]; logHead: string; alertId: string; exportId: string }
  | { ok: false; file: string; reason: string };

export function verifyPackage(zip: Buffer): VerifyReport {
  let entries;
  try {
    entries = readZip(zip);
  } catch (err) {
    if (err instanceof ZipError) return { ok: false, file: '(the zip)', reason: err.message };
    throw err;
  }
  const manifestEntry = entries.find((e) => e.name === MANIFEST);
  if (!manifestEntry) return { ok: false, file: MANIFEST, reason: 'missing' };
  let manifest: { format?: unknown; files?: unknown; logHead?: unknown; alertId?: unknown; exportId?: unknown };
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as typeof manifest;
  } catch {
    return { ok: false, file: MANIFEST, reason: 'not valid JSON' };
  }
  if (manifest.format !== PACKAGE_FORMAT || !Array.isArray(manifest.files) || typeof manifest.logHead !== 'string') {
    return { ok: false, file: MANIFEST, reason: `not an ${PACKAGE_FORMAT} manifest` };
  }
  const listed = manifest.files as ManifestFile[];
  for (const f of listed) {
    const entry = entries.find((e) => e.name === f.name);
    if (!entry) return { ok: false, file: f.name, reason: 'listed in the manifest but not in the package' };
    const actual = sha256(entry.data);
    if (actual !== f.sha256) return { ok: false, file: f.name, reason: `SHA-256 ${actual} differs from the manifest's ${f.sha256}` };
    if (!entry.crcOk) return { ok: false, file: f.name, reason: 'damaged (CRC differs)' };
  }
  const extra = entries.find((e) => e.name !== MANIFEST && !listed.some((f) => f.name === e.name));
  if (extra) return { ok: false, file: extra.name, reason: 'in the package but not listed in the manifest' };
  return { ok: true, files: listed, logHead: manifest.logHead, alertId: String(manifest.alertId), exportId: String(manifest.exportId) };
}
