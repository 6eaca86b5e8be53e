/**
 * Updates for agencies that host their own (issue 14), decided here so they are tested without
 * Electron; src/main/platform/auto-update.ts only adapts electron-updater to the Updater port.
 * - The update server is the agency policy's `updateFeedUrl`, https only. No URL: no check at all
 *   (there is no public default).
 * - On Windows an update must carry the agency's code signature (electron-updater checks the
 *   installer's Authenticode publisher against `publisherName` in app-update.yml); a build without
 *   one does not update itself at all rather than install an unchecked file.
 * - A downloaded update waits while an alert is open or unverified, and installs once none is.
 */
import type { Clock, Logger, TimerHandle } from './ports.js';

export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'none' }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

/** electron-updater as the gate needs it: a generic feed, a check (which downloads), an install. */
export interface Updater {
  setFeed(url: string): void;
  check(): Promise<void>;
  /** Quits the app and runs the downloaded installer. */
  install(): void;
  onEvent(listener: (event: UpdaterEvent) => void): void;
}

export type UpdatePhase = 'off' | 'idle' | 'checking' | 'downloading' | 'waiting' | 'installing' | 'error';

export interface UpdateState {
  phase: UpdatePhase;
  /** Why updates are off, why the last check failed, or why an update waits. */
  reason?: string;
  version?: string;
}

export const CHECK_EVERY_MS = 4 * 60 * 60_000;
export const WAITING_RECHECK_MS = 60_000;

/** The feed to use, or why there is none. */
export function updateFeed(
  policyUrl: string | undefined,
  platform: NodeJS.Platform,
  publisherNames: readonly string[],
): { url: string } | { off: string } {
  if (!policyUrl) return { off: 'No update server is set in the agency policy.' };
  let url: URL;
  try {
    url = new URL(policyUrl);
  } catch {
    return { off: 'The update server in the agency policy is not a URL.' };
  }
  if (url.protocol !== 'https:') return { off: 'The update server in the agency policy must use https.' };
  if (platform === 'win32' && publisherNames.length === 0) {
    return { off: 'This build is not code-signed, so an update could not be checked: updates are off.' };
  }
  return { url: url.toString() };
}

/** `publisherName` of electron-builder's app-update.yml (one name, or a list), or none. */
export function publisherNamesOf(appUpdateYml: string): string[] {
  const lines = appUpdateYml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^publisherName:/.test(l));
  if (at < 0) return [];
  const unquote = (s: string): string => s.trim().replace(/^(['"])(.*)\1$/, '$2');
  const inline = unquote(lines[at]!.slice('publisherName:'.length));
  if (inline) return [inline];
  const names: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const item = /^\s+-\s+(.+)$/.exec(line);
    if (!item) break;
    names.push(unquote(item[1]!));
  }
  return names;
}

export class UpdateGate {
  private current: UpdateState = { phase: 'off', reason: 'No update server is set in the agency policy.' };
  private feed: string | null = null;
  private downloaded: string | null = null;
  private timer: TimerHandle | null = null;
  private readonly listeners = new Set<(state: UpdateState) => void>();

  constructor(
    private readonly updater: Updater,
    private readonly clock: Clock,
    private readonly options: {
      /** An alert is on screen or not yet verified: no update installs now. */
      alertOpen: () => boolean;
      platform: NodeJS.Platform;
      publisherNames: readonly string[];
      logger: Logger;
    },
  ) {
    updater.onEvent((event) => this.updaterSaid(event));
  }

  /** The policy's update server (called at start and whenever the policy may have changed). */
  configure(policyUrl: string | undefined): void {
    const feed = updateFeed(policyUrl, this.options.platform, this.options.publisherNames);
    if ('off' in feed) {
      if (this.feed !== null || this.current.reason !== feed.off)
        this.options.logger.info('update: off', { reason: feed.off });
      this.feed = null;
      this.stopTimer();
      if (this.downloaded === null) this.set({ phase: 'off', reason: feed.off });
      return;
    }
    if (feed.url === this.feed) return;
    this.feed = feed.url;
    this.updater.setFeed(feed.url);
    this.options.logger.info('update: checking the agency update server', { url: feed.url });
    void this.check();
  }

  state(): UpdateState {
    return { ...this.current };
  }

  onChange(listener: (state: UpdateState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.stopTimer();
  }

  private async check(): Promise<void> {
    this.stopTimer();
    if (this.feed === null || this.downloaded !== null) return;
    try {
      await this.updater.check();
    } catch (err) {
      this.updaterSaid({ type: 'error', message: (err as Error).message });
    }
    if (this.downloaded === null) this.later(CHECK_EVERY_MS, () => void this.check());
  }

  private updaterSaid(event: UpdaterEvent): void {
    switch (event.type) {
      case 'checking':
        return this.set({ phase: 'checking' });
      case 'available':
        return this.set({ phase: 'downloading', version: event.version });
      case 'none':
        return this.set({ phase: 'idle' });
      case 'error':
        this.options.logger.warn('update: the update failed', { reason: event.message });
        return this.set({ phase: 'error', reason: event.message });
      case 'downloaded':
        this.downloaded = event.version;
        this.stopTimer();
        return this.installWhenFree();
    }
  }

  private installWhenFree(): void {
    if (this.downloaded === null) return;
    if (this.options.alertOpen()) {
      this.set({
        phase: 'waiting',
        version: this.downloaded,
        reason: 'The update installs when no alert is open or unverified.',
      });
      this.later(WAITING_RECHECK_MS, () => this.installWhenFree());
      return;
    }
    this.set({ phase: 'installing', version: this.downloaded });
    this.options.logger.info('update: installing', { version: this.downloaded });
    this.updater.install();
  }

  private later(ms: number, fn: () => void): void {
    this.stopTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      fn();
    }, ms);
  }

  private stopTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(state: UpdateState): void {
    this.current = state;
    for (const listener of [...this.listeners]) listener(this.state());
  }
}
