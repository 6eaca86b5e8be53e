/** A Logger writing one JSON line per entry to a stream (stderr by default), or nowhere. */
import type { Logger } from '../services/ports.js';

type Level = 'info' | 'warn' | 'error';

export function jsonLogger(write: (line: string) => void = (line) => process.stderr.write(line), name = 'client'): Logger {
  const entry = (level: Level) => (message: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, name, msg: message, ...fields }) + '\n');
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
