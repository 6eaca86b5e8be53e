/** The installation's stable clientId (docs/protocol.md handshake): made once, kept in the data folder. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './durable-file.js';

export async function loadClientId(dataDir: string): Promise<string> {
  const path = join(dataDir, 'client-id');
  try {
    const id = (await readFile(path, 'utf8')).trim();
    if (/^[A-Za-z0-9-]{8,128}$/.test(id)) return id;
  } catch {
    // First run: make one below.
  }
  const id = randomUUID();
  await writeFileAtomic(path, id + '\n', 0o644);
  return id;
}
