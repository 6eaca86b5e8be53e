/**
 * The SQLite store's WAL is checkpointed by a thread of its own (src/backend/store/sqlite/checkpointer.ts),
 * not inside the hub's commits: after receipts are written, their pages reach the database file while
 * the hub's thread does nothing, although its own connection would checkpoint only past ~400 MB. Close
 * stops the thread and leaves no WAL behind.
 */
import { existsSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../src/backend/store/port.js';
import { addReceipt } from '../../src/backend/store/receipt-batch.js';
import { dbPath, openSqliteStore } from '../../src/backend/store/sqlite/index.js';
import { removeDir, tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait.js';

const RECEIPTS = 40_000;

describe('WAL checkpoints on their own thread', () => {
  let dir: string;
  let store: HubStore;

  beforeEach(async () => {
    dir = await tempDir('opentas-checkpoints-');
    store = openSqliteStore(dir);
  });

  afterEach(async () => {
    await store.close();
    await removeDir(dir);
  });

  it("copies the WAL into the database file without the hub's thread, and close leaves no WAL", async () => {
    const file = dbPath(dir);
    const before = statSync(file).size;
    const at = new Date().toISOString();
    const written = Array.from({ length: RECEIPTS }, (_, i) =>
      addReceipt(store.receipts, { alertId: `alert-${i % 500}`, userId: `user-${i}`, clientId: `client-${i}`, receivedAt: at }),
    );
    (store.receipts as unknown as { flush(): void }).flush();
    await Promise.all(written);
    const wal = statSync(`${file}-wal`).size;
    expect(wal).toBeGreaterThan(2_000_000);
    // Nothing more is written: only the checkpointer thread can grow the database file now.
    await waitFor(() => statSync(file).size - before > wal / 2, 'the pages copied into the database file');

    await store.close();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    store = openSqliteStore(dir);
    expect((await store.receipts.forAlert('alert-7')).length).toBe(RECEIPTS / 500);
  });
});
