/**
 * The fallback credential vault: secrets sealed with Electron's asynchronous safeStorage (DPAPI,
 * Keychain, kwallet/libsecret; never Chromium's basic_text key) in a 0600 file under userData, for a
 * desk where keytar has no keychain to talk to. The file logic is SealedSecretsFile
 * (services/sealed-secrets.ts, unit-tested); this file only adapts safeStorage to its SecretSealer.
 * `openVault` picks by `chooseVault` (services/vault-choice.ts).
 */
import { safeStorage } from 'electron';
import type { CredentialVault, Logger } from '../services/ports.js';
import { SealedSecretsFile, type SecretSealer } from '../services/sealed-secrets.js';
import { chooseVault } from '../services/vault-choice.js';
import { KeytarVault, loadKeytar } from './keytar-vault.js';

/**
 * safeStorage's asynchronous API (Electron 45; the synchronous encryptString/decryptString are
 * deprecated). It reads files the synchronous API sealed, so an upgraded desk keeps its sign-in.
 */
export const safeStorageSealer: SecretSealer = {
  seal: (text) => safeStorage.encryptStringAsync(text),
  open: async (sealed) => {
    const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
    return { text: result, stale: shouldReEncrypt };
  },
};

/** keytar when it loads and reaches a keychain; otherwise safeStorage; never clear text. */
export async function openVault(fallbackPath: string, logger: Logger): Promise<CredentialVault> {
  const loaded = await loadKeytar();
  if (loaded.keytar) return new KeytarVault(loaded.keytar);
  // Resolves once the asynchronous encryptor is initialised (after app ready).
  const encryptionAvailable = await safeStorage.isAsyncEncryptionAvailable();
  // Linux only: which secret store safeStorage would use (basic_text is refused).
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  const choice = chooseVault({ keytar: false, encryptionAvailable, ...(backend ? { backend } : {}) });
  if ('refuse' in choice) throw new Error(choice.refuse);
  logger.warn('vault: no OS keychain reachable; using safeStorage', { reason: loaded.reason, backend });
  return new SealedSecretsFile(fallbackPath, safeStorageSealer);
}
