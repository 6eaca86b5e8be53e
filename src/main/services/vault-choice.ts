/**
 * Where the desk may keep its refresh token: the OS keychain through keytar first; otherwise
 * Electron's safeStorage, but not on Linux's `basic_text` backend, whose key is built into
 * Chromium and so protects nothing; never in clear text. Pure, so the rule is tested here while
 * Electron cannot run.
 */
export type VaultChoice = { use: 'keytar' } | { use: 'safeStorage' } | { refuse: string };

export function chooseVault(found: { keytar: boolean; encryptionAvailable: boolean; backend?: string }): VaultChoice {
  if (found.keytar) return { use: 'keytar' };
  if (!found.encryptionAvailable) return { refuse: 'No OS keychain and no safeStorage: refusing to keep the sign-in in clear text.' };
  if (found.backend === 'basic_text') {
    return {
      refuse:
        'No OS keychain is reachable, and safeStorage would use its basic_text backend (a key built into Chromium that protects nothing). ' +
        'Start and unlock a keyring (GNOME Keyring or KWallet), then start OpenTAS again.',
    };
  }
  return { use: 'safeStorage' };
}
