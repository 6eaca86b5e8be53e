/**
 * The ports of the main process: everything the services need from the outside world, as
 * interfaces. Electron implements them in src/main/platform; the browser host and the tests use
 * src/main/adapters and test/fakes. Services import only this file, never an implementation.
 */
import type { Category } from '../../shared/protocol/index.js';
import type { Settings } from '../../shared/ipc.js';

/** Secrets by account name (tokens, the inbox key): the OS keychain in Electron. */
export interface CredentialVault {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/** The user's Settings: a corrupt store loads as defaults plus a logged error, never a crash. */
export interface SettingsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

/** What a desktop notification of an alert may say: the plate only while unlocked. */
export interface AlertNotice {
  alertId: string;
  category: Category;
  /**
   * Where the camera is (its name: road and direction), absent while the console is locked. Never
   * the plate: a notification stays in the OS notification centre, outside the app's lock.
   */
  camera?: string;
  locked: boolean;
}

/** Shows a desktop notification for an alert. */
export interface Notifier {
  showAlert(notice: AlertNotice): void;
}

export type TrayLinkState = 'ok' | 'connecting' | 'offline' | 'alarm' | 'signed_out';

/** What the tray may say of an escalated alert: the plate only while the console is unlocked. */
export interface EscalationNotice {
  alertId: string;
  category?: Category;
  plate?: string;
  units: string[];
}

/** The tray icon: the link's state, the number of alerts still unverified, and escalations. */
export interface TrayPort {
  setState(state: { link: TrayLinkState; unverified: number }): void;
  /** An alert of this supervisor's or dispatcher's units went 10 minutes unverified. */
  escalated(notice: EscalationNotice): void;
}

/** The always-on-top popup window that shows a new alert. */
export interface PopupPort {
  show(alertId: string): void;
}

/** The operating system's idle and power signals. */
export interface IdleSource {
  /** Seconds since the last keyboard or mouse input. */
  idleSeconds(): number;
  /** The OS locked the screen or is going to sleep. */
  onIdle(listener: () => void): () => void;
  /** The machine woke from sleep or the screen was unlocked. */
  onResume(listener: () => void): () => void;
  /** The OS says the network came back. */
  onNetworkBack(listener: () => void): () => void;
}

export type TimerHandle = { readonly id: unknown };

/** Time and timers, so tests can drive them by hand. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Structured log lines; never given a token, a password or an alert's CJI. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Every port the client app needs, in one bag for the composition roots. */
/**
 * One connection to the hub's `/alerts` namespace, opened by a HubSockets. The link owns the policy
 * (when to connect, retry, give up); the connection only carries events. Its adapter
 * (src/main/adapters/socketio-hub-sockets.ts) is the one place that touches socket.io-client.
 */
export interface HubSocket {
  readonly connected: boolean;
  onConnect(listener: () => void): void;
  /** The handshake failed: the hub's refusal code (`unauthorized`, `token_expired`) or the transport's error; `refused` when nothing listens on the port. */
  onConnectError(listener: (error: { message: string; refused: boolean }) => void): void;
  onDisconnect(listener: (reason: string) => void): void;
  /** A hub event; `reply` is there when the hub asked for an answer (an alert's receipt). */
  on(event: string, listener: (payload: unknown, reply?: (answer: unknown) => void) => void): void;
  /** Sends `event` and resolves with the hub's answer; rejects after `timeoutMs`. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  /** Anything at all heard from the hub (an event, a pong, Socket.IO's own ping): the heartbeat's sign of life. Returns the unsubscribe. */
  onHeard(listener: () => void): () => void;
  /** Whether this connection can send transport pings (a Node WebSocket can; a browser's cannot). */
  canPing(): boolean;
  /** A transport ping; `onPong` hears its pong. Pongs come back in the order of their pings. Throws on a closing connection. */
  ping(): void;
  onPong(listener: () => void): void;
  /** Runs `then` once everything sent so far has been written to the network. */
  afterFlush(then: () => void): void;
  /** Closes the connection; no listener of it is called after. */
  close(): void;
}

export interface HubSocketOptions {
  /** The handshake's auth: the token, the client id, the resume point. */
  auth: Record<string, unknown>;
  /** How long a handshake may take before it is abandoned. */
  connectTimeoutMs: number;
}

/** Opens connections to a hub's `/alerts` namespace (one per attempt; none is reused). */
export interface HubSockets {
  open(hubUrl: string, options: HubSocketOptions): HubSocket;
}

export interface ClientPorts {
  /** Default (createHeadlessClient, Electron): Socket.IO over a WebSocket. */
  sockets: HubSockets;
  vault: CredentialVault;
  settings: SettingsStore;
  notifier: Notifier;
  tray: TrayPort;
  popup: PopupPort;
  idle: IdleSource;
  clock: Clock;
  logger: Logger;
}
