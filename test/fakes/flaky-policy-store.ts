/** A PolicyStore that fails its next N reads (a database blip), then answers from the real store it wraps. */
import type { Policy, Preferences } from '../../src/shared/protocol/index.js';
import type { PolicyStore } from '../../src/backend/store/port.js';

export class FlakyPolicyStore implements PolicyStore {
  failuresLeft = 0;

  constructor(private readonly real: PolicyStore) {}

  async get(): Promise<Policy> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('connection terminated unexpectedly');
    }
    return this.real.get();
  }

  put(policy: Policy): Promise<void> {
    return this.real.put(policy);
  }

  preferences(userId: string): Promise<Preferences | undefined> {
    return this.real.preferences(userId);
  }

  putPreferences(userId: string, preferences: Preferences): Promise<void> {
    return this.real.putPreferences(userId, preferences);
  }
}
