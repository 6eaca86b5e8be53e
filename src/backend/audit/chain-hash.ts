/** sha256 over the hash input of docs/protocol.md#the-acknowledgement-trail; the canonical form itself is shared (src/shared/chain.ts). */
import { hash } from 'node:crypto';
import { entryHashInput } from '../../shared/chain.js';

// crypto.hash, not createHash(): one call without a Hash object is 2-3x cheaper for inputs this
// small, which a chain check over 1,000,000 entries pays a million times. Strings are hashed as UTF-8.
export function entryHash(prevHash: string, entryWithoutHash: object): string {
  return hash('sha256', entryHashInput(prevHash, entryWithoutHash), 'hex');
}

/** sha256 over prevHash followed by an entry's stored canonical JSON (the same input, already serialised). */
export function bytesHash(prevHash: string, canonicalBody: string): string {
  return hash('sha256', prevHash + canonicalBody, 'hex');
}
