/** A process's resident memory as Linux reports it (/proc/PID/status VmRSS), in MB. */
import { readFileSync } from 'node:fs';

export function residentMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}
