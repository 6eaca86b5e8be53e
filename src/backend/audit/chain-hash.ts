/** sha256 over the hash input of docs/protocol.md#the-acknowledgement-trail; the canonical form itself is shared (src/shared/chain.ts). */
import { createHash } from 'node:crypto';
import { entryHashInput } from '../../shared/chain.js';

export function entryHash(prevHash: string, entryWithoutHash: object): string {
  return createHash('sha256').update(entryHashInput(prevHash, entryWithoutHash), 'utf8').digest('hex');
}

/** sha256 over prevHash followed by an entry's stored canonical JSON (the same input, already serialised). */
export function bytesHash(prevHash: string, canonicalBody: string): string {
  return createHash('sha256').update(prevHash + canonicalBody, 'utf8').digest('hex');
}
