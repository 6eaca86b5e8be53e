/**
 * The support bundle: versions, settings without secrets, the connection history, the recent
 * warnings and errors of the log file, and the desk's counts. Never a plate, an image, a name, a
 * token or a key: log fields are kept only when their name is on an allow-list, and every string
 * the desk knows to be CJI or a person (`forbidden`: its plates, the user's names) is cut out of
 * whatever is left, as a second line of defence.
 */
import type { Settings } from '../../shared/ipc.js';
import type { ConnectionEntry } from './connection-history.js';

/** Log fields that carry no CJI and help support (the rest is dropped, whatever it holds). */
const SAFE_FIELDS = new Set(['time', 'level', 'name', 'msg', 'reason', 'code', 'state', 'count', 'attempt', 'delayMs', 'status', 'resumeFrom', 'uncertainReceipts', 'channel', 'backend', 'hub']);

export interface BundleInput {
  now: Date;
  versions: Record<string, string>;
  settings: Settings;
  history: readonly ConnectionEntry[];
  /** Raw JSON lines of the log files, oldest first. */
  logLines: readonly string[];
  counts: { alertsInMemory: number; olderAlerts: number; unsentAcks: number; refusedAcks: number } | null;
  forbidden: readonly string[];
}

export function buildSupportBundle(input: BundleInput): { fileName: string; json: string } {
  // A street map path may name the user's home folder: only whether one is set.
  const { baseMapPmtiles, ...settings } = input.settings;
  const bundle = {
    kind: 'opentas-support-bundle',
    madeAt: input.now.toISOString(),
    versions: input.versions,
    settings: { ...settings, baseMapPmtiles: baseMapPmtiles ? 'set' : 'none' },
    connection: input.history.map((p) => ({
      state: p.state,
      since: p.since,
      alarm: p.alarm,
      ...(p.lastError ? { lastError: p.lastError } : {}),
      ...(p.latencyMs ? { latencyMs: p.latencyMs } : {}),
    })),
    problems: recentProblems(input.logLines, 200),
    desk: input.counts ?? 'signed out',
  };
  let json = JSON.stringify(bundle, null, 2);
  for (const word of input.forbidden) if (word.length >= 3) json = json.split(word).join('[removed]');
  return { fileName: `opentas-support-${input.now.toISOString().slice(0, 10)}.json`, json };
}

function recentProblems(lines: readonly string[], limit: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of lines) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    if (e.level !== 'warn' && e.level !== 'error') continue;
    out.push(Object.fromEntries(Object.entries(e).filter(([k, v]) => SAFE_FIELDS.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))));
  }
  return out.slice(-limit);
}
