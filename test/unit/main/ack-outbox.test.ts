import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AckOutbox, type AckSender } from '../../../src/main/services/ack-outbox.js';
import type { AckEvent, AckResult } from '../../../src/shared/protocol/index.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';
import { removeDir, tempDir } from '../../support/temp-dir.js';
import { waitFor } from '../../support/wait.js';

/** A sender whose answers the test scripts: 'ok', 'refuse' or 'fail' (no answer). */
class ScriptedSender implements AckSender {
  readonly sent: AckEvent[] = [];
  mode: 'ok' | 'refuse' | 'fail' = 'ok';
  private seq = 0;
  async sendAck(event: AckEvent): Promise<AckResult> {
    this.sent.push(event);
    if (this.mode === 'fail') throw new Error('timeout');
    if (this.mode === 'refuse') return { ok: false, error: { code: 'verification_required', message: 'verify first' } };
    return { ok: true, entrySeq: ++this.seq };
  }
}

const until = (check: () => boolean): Promise<unknown> => waitFor(check, 'the outbox', 5000);

describe('AckOutbox', () => {
  let dir: string;
  const key = randomBytes(32);
  let clock: ManualClock;
  const open = async () => {
    const outbox = new AckOutbox(join(dir, 'outbox.log'), key, clock, new RecordingLogger(), { retryMinMs: 1000, retryMaxMs: 8000 });
    await outbox.open();
    return outbox;
  };

  beforeEach(async () => {
    dir = await tempDir();
    clock = new ManualClock();
  });
  afterEach(() => removeDir(dir));

  it('writes an event durably with a UUID before sending, and keeps it across a restart until answered', async () => {
    const outbox = await open();
    const event = await outbox.enqueue({ alertId: 'a-1', type: 'acknowledged' });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox.pendingFor('a-1')).toMatchObject([{ eventId: event.eventId, type: 'acknowledged', attempts: 0 }]);
    await outbox.close();

    const again = await open();
    expect(again.unsent().map((e) => e.eventId)).toEqual([event.eventId]);
    const sender = new ScriptedSender();
    again.setSender(sender);
    await until(() => again.unsent().length === 0);
    expect(sender.sent.map((e) => e.eventId)).toEqual([event.eventId]);
    await again.close();
    const third = await open();
    expect(third.unsent()).toEqual([]);
    await third.close();
  });

  it('resends the same event (same eventId) with backoff until the hub answers', async () => {
    const outbox = await open();
    const sender = new ScriptedSender();
    sender.mode = 'fail';
    outbox.setSender(sender);
    const event = await outbox.enqueue({ alertId: 'a-1', type: 'acknowledged' });
    await until(() => sender.sent.length === 1);
    await until(() => clock.pending === 1);
    clock.advance(1000);
    await until(() => sender.sent.length === 2);
    sender.mode = 'ok';
    await until(() => clock.pending === 1);
    clock.advance(2000);
    await until(() => outbox.unsent().length === 0);
    expect(new Set(sender.sent.map((e) => e.eventId))).toEqual(new Set([event.eventId]));
    await outbox.close();
  });

  it('sends in order, one at a time', async () => {
    const outbox = await open();
    const first = await outbox.enqueue({ alertId: 'a-1', type: 'acknowledged' });
    const second = await outbox.enqueue({ alertId: 'a-1', type: 'closed', close: { reason: 'misread' } });
    const sender = new ScriptedSender();
    outbox.setSender(sender);
    await until(() => outbox.unsent().length === 0);
    expect(sender.sent.map((e) => e.eventId)).toEqual([first.eventId, second.eventId]);
    await outbox.close();
  });

  it('keeps a refusal to show it, and never retries it, across a restart', async () => {
    const outbox = await open();
    const sender = new ScriptedSender();
    sender.mode = 'refuse';
    outbox.setSender(sender);
    await outbox.enqueue({ alertId: 'a-1', type: 'action_taken', action: { kind: 'stop', caseNumber: '1' } });
    await until(() => outbox.pendingFor('a-1')[0]?.refused !== undefined);
    expect(outbox.pendingFor('a-1')[0]?.refused?.code).toBe('verification_required');
    await outbox.close();
    const again = await open();
    const sender2 = new ScriptedSender();
    again.setSender(sender2);
    await again.flush();
    expect(sender2.sent).toEqual([]);
    expect(again.pendingFor('a-1')[0]?.refused?.code).toBe('verification_required');
    await again.close();
  });

  it('refuses a malformed request before writing anything', async () => {
    const outbox = await open();
    await expect(outbox.enqueue({ alertId: '', type: 'acknowledged' })).rejects.toThrow();
    expect(outbox.unsent()).toEqual([]);
    await outbox.close();
  });
});
