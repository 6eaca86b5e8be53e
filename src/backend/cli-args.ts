/** The hub CLI's arguments: `--name value` flags (node:util parseArgs, strict), and a usage error (exit 2). */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export type Flags = Record<string, string | boolean | undefined>;

export function flags(args: string[], spec: Record<string, 'string' | 'boolean'>): Flags {
  try {
    const options = Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }]));
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export function required(f: Flags, name: string): string {
  const v = f[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

export function integer(value: string, name: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`--${name} must be an integer ${min}-${max}`);
  return Number(value);
}

