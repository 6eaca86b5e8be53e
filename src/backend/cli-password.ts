/**
 * Where `opentas-hub user add` gets the password (CJIS IA-5: a password on the command line sits
 * in the process list and the shell history): `--password-stdin` reads the first line of stdin;
 * without either flag a terminal is asked (twice, not echoed); `--password P` still works, since
 * docs/protocol.md version 1 documents it, with a warning.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export class PasswordSourceError extends Error {}

/**
 * Said once the user was added, never before a refusal: bad arguments answer with one line
 * (docs/protocol.md, operating the hub).
 */
export const COMMAND_LINE_PASSWORD_WARNING =
  'opentas-hub: warning: --password leaves the password in the process list and shell history; use --password-stdin or the prompt';

async function firstLineOfStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
  }
}

/** Asks on the terminal without echoing what is typed. */
async function ask(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => rl.question(prompt, resolve));
    muted = true;
    const value = await answer;
    process.stderr.write('\n');
    return value;
  } finally {
    rl.close();
  }
}

export async function readPassword(flags: { password?: string | boolean; 'password-stdin'?: string | boolean }): Promise<string> {
  if (typeof flags.password === 'string' && flags['password-stdin'] === true) throw new PasswordSourceError('give --password or --password-stdin, not both');
  if (typeof flags.password === 'string') return flags.password;
  if (flags['password-stdin'] === true) {
    const line = await firstLineOfStdin();
    if (!line) throw new PasswordSourceError('--password-stdin: stdin gave no password');
    return line;
  }
  if (!process.stdin.isTTY) throw new PasswordSourceError('--password-stdin (or a terminal to ask on) is required');
  const first = await ask('Password: ');
  const again = await ask('Again: ');
  if (first !== again) throw new PasswordSourceError('the two passwords differ');
  return first;
}
