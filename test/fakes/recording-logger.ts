/** A Logger fake that keeps every line, so tests can assert that a reason was logged. */
import type { Logger } from '../../src/main/services/ports.js';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  constructor(private readonly echo = process.env.TEST_LOG === '1') {}

  info(message: string, fields?: Record<string, unknown>): void {
    this.push({ level: 'info', message, ...(fields ? { fields } : {}) });
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.push({ level: 'warn', message, ...(fields ? { fields } : {}) });
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.push({ level: 'error', message, ...(fields ? { fields } : {}) });
  }

  has(level: LogLine['level'], pattern: RegExp): boolean {
    return this.lines.some((l) => l.level === level && pattern.test(l.message + ' ' + JSON.stringify(l.fields ?? {})));
  }

  private push(line: LogLine): void {
    this.lines.push(line);
    if (this.echo) console.log(`[${line.level}] ${line.message} ${line.fields ? JSON.stringify(line.fields) : ''}`);
  }
}
