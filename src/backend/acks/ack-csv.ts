/**
 * The acknowledgement log as CSV for supervisors (RFC 4180 quoting). Cells that a spreadsheet would
 * run as a formula (=, +, -, @ first) are prefixed with a quote mark: notes are free text.
 */
import type { AckRow } from '../store/review-port.js';

export const ACK_CSV_COLUMNS = [
  'seq', 'serverAt', 'at', 'alertId', 'category', 'type', 'userId', 'username', 'clientId',
  'verificationSystem', 'verificationResult', 'queryReference', 'plateMatchesImage', 'stateMatches',
  'actionKind', 'caseNumber', 'closeReason', 'note', 'eventId', 'prevHash', 'hash', 'plate', 'plateState', 'unit',
] as const;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One entry with its alert's plate and category and its user's unit (the last three columns are not hashed). */
export function ackCsvRow(e: AckRow): string {
  const note = e.verification?.note ?? e.action?.note ?? e.close?.note;
  const values: Record<(typeof ACK_CSV_COLUMNS)[number], unknown> = {
    seq: e.seq, serverAt: e.serverAt, at: e.at, alertId: e.alertId, category: e.category, type: e.type, userId: e.userId,
    username: e.username, clientId: e.clientId, verificationSystem: e.verification?.system,
    verificationResult: e.verification?.result, queryReference: e.verification?.queryReference,
    plateMatchesImage: e.verification?.plateMatchesImage, stateMatches: e.verification?.stateMatches,
    actionKind: e.action?.kind, caseNumber: e.action?.caseNumber, closeReason: e.close?.reason, note,
    eventId: e.eventId, prevHash: e.prevHash, hash: e.hash, plate: e.plate, plateState: e.plateState, unit: e.unit,
  };
  return ACK_CSV_COLUMNS.map((c) => cell(values[c])).join(',');
}

export const ackCsvHeader = (): string => ACK_CSV_COLUMNS.join(',');
