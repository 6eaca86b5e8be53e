import { describe, expect, it } from 'vitest';
import { chooseVault } from '../../../src/main/services/vault-choice.js';

describe('chooseVault', () => {
  it('takes the OS keychain when keytar reaches one', () => {
    expect(chooseVault({ keytar: true, encryptionAvailable: false })).toEqual({ use: 'keytar' });
  });

  it('falls back to safeStorage on a real secret store', () => {
    expect(chooseVault({ keytar: false, encryptionAvailable: true, backend: 'gnome_libsecret' })).toEqual({ use: 'safeStorage' });
    expect(chooseVault({ keytar: false, encryptionAvailable: true })).toEqual({ use: 'safeStorage' }); // Windows, macOS
  });

  it("refuses Linux's basic_text backend and clear text, saying what to do", () => {
    const basic = chooseVault({ keytar: false, encryptionAvailable: true, backend: 'basic_text' });
    expect(basic).toMatchObject({ refuse: expect.stringMatching(/basic_text.*keyring/s) });
    expect(chooseVault({ keytar: false, encryptionAvailable: false })).toMatchObject({ refuse: expect.stringMatching(/clear text/) });
  });
});
