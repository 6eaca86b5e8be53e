/**
 * The evidence export's IPC (spread into src/shared/ipc.ts): the main process asks the hub for the
 * package (POST /alerts/:id/exports, then GET /exports/:id), checks its SHA-256 against the hub's
 * answer, and saves it in the user's own evidence folder; the page learns where, never the token.
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { ExportRequest } from './protocol/evidence.js';

export const EvidenceExport = ExportRequest.extend({ alertId: z.string().min(1).max(128) });
export type EvidenceExport = z.infer<typeof EvidenceExport>;

export const SavedEvidence = z.strictObject({
  id: z.string(),
  sha256: z.string(),
  /** The full path of the saved zip on this computer. */
  savedTo: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type SavedEvidence = z.infer<typeof SavedEvidence>;

export const evidenceChannels = {
  'evidence:export': { request: EvidenceExport, response: hubAnswer(SavedEvidence) },
} as const;
