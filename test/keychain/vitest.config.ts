import { defineConfig } from 'vitest/config';

// The keychain tier: keytar against a real Secret Service; run only through test/keychain/run.sh.
export default defineConfig({
  test: { include: ['test/keychain/**/*.test.ts'], environment: 'node', testTimeout: 20_000 },
});
