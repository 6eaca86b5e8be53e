import { describe, expect, it } from 'vitest';
import {
  CHECK_EVERY_MS,
  UpdateGate,
  WAITING_RECHECK_MS,
  publisherNamesOf,
  updateFeed,
  type Updater,
  type UpdaterEvent,
} from '../../../src/main/services/update-gate.js';
import { DEFAULT_POLICY, Policy } from '../../../src/shared/protocol/index.js';
import { ManualClock } from '../../fakes/manual-clock.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

/** electron-updater as the gate sees it: the test says what the server answers. */
class FakeUpdater implements Updater {
  feeds: string[] = [];
  checks = 0;
  installs = 0;
  /** What the next check finds: nothing, or a version (downloaded at once). */
  serverHas: string | null = null;
  failWith: string | null = null;
  private listener: (event: UpdaterEvent) => void = () => undefined;
  setFeed(url: string): void {
    this.feeds.push(url);
  }
  async check(): Promise<void> {
    this.checks++;
    this.listener({ type: 'checking' });
    if (this.failWith) throw new Error(this.failWith);
    if (this.serverHas === null) return this.listener({ type: 'none' });
    this.listener({ type: 'available', version: this.serverHas });
    this.listener({ type: 'downloaded', version: this.serverHas });
  }
  install(): void {
    this.installs++;
  }
  onEvent(listener: (event: UpdaterEvent) => void): void {
    this.listener = listener;
  }
}

const FEED = 'https://updates.isp.example.gov/opentas/';
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function gate(opts: { platform?: NodeJS.Platform; publishers?: string[]; alertOpen?: () => boolean } = {}) {
  const updater = new FakeUpdater();
  const clock = new ManualClock();
  const g = new UpdateGate(updater, clock, {
    alertOpen: opts.alertOpen ?? (() => false),
    platform: opts.platform ?? 'linux',
    publisherNames: opts.publishers ?? [],
    logger: new RecordingLogger(),
  });
  return { updater, clock, g };
}

describe('updateFeed (where updates may come from)', () => {
  it('only from an https server the policy names; Windows only for a signed build', () => {
    expect(updateFeed(undefined, 'linux', [])).toEqual({
      off: 'No update server is set in the agency policy.',
    });
    expect(updateFeed('http://updates.example.gov/', 'linux', [])).toMatchObject({
      off: expect.stringMatching(/https/),
    });
    expect(updateFeed('not a url', 'linux', [])).toMatchObject({ off: expect.stringMatching(/not a URL/) });
    expect(updateFeed(FEED, 'win32', [])).toMatchObject({ off: expect.stringMatching(/not code-signed/) });
    expect(updateFeed(FEED, 'win32', ['Illinois State Police'])).toEqual({ url: FEED });
    expect(updateFeed(FEED, 'linux', [])).toEqual({ url: FEED });
  });

  it("reads the publisher names of electron-builder's app-update.yml", () => {
    expect(
      publisherNamesOf('provider: generic\nurl: https://x/\npublisherName: Illinois State Police\n'),
    ).toEqual(['Illinois State Police']);
    expect(
      publisherNamesOf(
        "provider: generic\npublisherName:\n  - 'Illinois State Police'\n  - ISP IT\nupdaterCacheDirName: x\n",
      ),
    ).toEqual(['Illinois State Police', 'ISP IT']);
    expect(publisherNamesOf('provider: generic\nurl: https://x/\n')).toEqual([]);
  });

  it('is a policy field the hub accepts only as https, absent by default', () => {
    expect(DEFAULT_POLICY.updateFeedUrl).toBeUndefined();
    expect(Policy.safeParse({ ...DEFAULT_POLICY, updateFeedUrl: FEED }).success).toBe(true);
    expect(
      Policy.safeParse({ ...DEFAULT_POLICY, updateFeedUrl: 'http://updates.example.gov/' }).success,
    ).toBe(false);
    expect(Policy.safeParse({ ...DEFAULT_POLICY, updateFeedUrl: 'ftp\u0000x' }).success).toBe(false);
  });
});

describe('UpdateGate', () => {
  it('never checks without a server in the policy', async () => {
    const { updater, clock, g } = gate();
    g.configure(undefined);
    clock.advance(CHECK_EVERY_MS * 3);
    await settle();
    expect([updater.feeds, updater.checks]).toEqual([[], 0]);
    expect(g.state()).toEqual({ phase: 'off', reason: 'No update server is set in the agency policy.' });
  });

  it('checks the policy server at once and every 4 hours; the same policy again changes nothing', async () => {
    const { updater, clock, g } = gate();
    g.configure(FEED);
    g.configure(FEED);
    await settle();
    expect([updater.feeds, updater.checks, g.state().phase]).toEqual([[FEED], 1, 'idle']);
    clock.advance(CHECK_EVERY_MS);
    await settle();
    expect(updater.checks).toBe(2);
    g.configure(undefined); // the admin removed it: no more checks
    clock.advance(CHECK_EVERY_MS * 2);
    await settle();
    expect([updater.checks, g.state().phase]).toEqual([2, 'off']);
  });

  it('installs a downloaded update at once when no alert is open', async () => {
    const { updater, g } = gate();
    updater.serverHas = '0.2.0';
    g.configure(FEED);
    await settle();
    expect(updater.installs).toBe(1);
    expect(g.state()).toEqual({ phase: 'installing', version: '0.2.0' });
  });

  it('waits while an alert is open or unverified, and installs once none is', async () => {
    let open = true;
    const { updater, clock, g } = gate({ alertOpen: () => open });
    const phases: string[] = [];
    g.onChange((s) => phases.push(s.phase));
    updater.serverHas = '0.2.0';
    g.configure(FEED);
    await settle();
    expect(g.state()).toMatchObject({
      phase: 'waiting',
      version: '0.2.0',
      reason: expect.stringMatching(/no alert is open/),
    });
    clock.advance(WAITING_RECHECK_MS * 10);
    expect(updater.installs).toBe(0);
    open = false;
    clock.advance(WAITING_RECHECK_MS);
    expect(updater.installs).toBe(1);
    expect(phases).toEqual(['checking', 'downloading', ...Array(11).fill('waiting'), 'installing']);
    expect(updater.checks).toBe(1); // no new check while an update waits
  });

  it('says why a check failed and tries again later', async () => {
    const { updater, clock, g } = gate();
    updater.failWith = 'sha512 checksum mismatch';
    g.configure(FEED);
    await settle();
    expect(g.state()).toEqual({ phase: 'error', reason: 'sha512 checksum mismatch' });
    updater.failWith = null;
    clock.advance(CHECK_EVERY_MS);
    await settle();
    expect(g.state().phase).toBe('idle');
  });

  it('keeps an unsigned Windows build from updating itself', async () => {
    const { updater, g } = gate({ platform: 'win32', publishers: [] });
    g.configure(FEED);
    await settle();
    expect(updater.feeds).toEqual([]);
    expect(g.state().reason).toMatch(/not code-signed/);
  });
});
