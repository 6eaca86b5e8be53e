/**
 * The hub's metrics port: what the hub reports as it works (docs/metrics.md). One object per hub,
 * built by `startHub` and handed to the classes where each event happens, so nothing reaches for a
 * global registry (a test process runs several hubs). With metrics off it is `noHubMetrics`.
 */
import type { AckType } from '../../shared/protocol/index.js';

/** Why a socket handshake was refused; anything unexpected is counted as `internal`. */
export const HANDSHAKE_REFUSALS = [
  'unauthorized',
  'token_expired',
  'certification_expired',
  'password_change_required',
  'otp_enrollment_required',
  'internal',
] as const;
export type HandshakeRefusal = (typeof HANDSHAKE_REFUSALS)[number];

export const handshakeRefusal = (reason: string): HandshakeRefusal =>
  (HANDSHAKE_REFUSALS as readonly string[]).includes(reason) ? (reason as HandshakeRefusal) : 'internal';

/** A desk's receipt of one alert. */
export interface ReceiptTiming {
  /** From the alert's storage (its `ingestedAt`) to the receipt, on the hub's clock. */
  sinceStoredMs: number;
  /** From sending the alert to this desk to its receipt (the desk stores it durably first). */
  sinceSentMs: number;
  /** Sent while catching the desk up after it connected, not live. */
  replay: boolean;
}

export interface HubMetrics {
  /** A hit was stored for the first time (a resent duplicate is not counted). */
  hitStored(): void;
  receipt(timing: ReceiptTiming): void;
  /** How many alerts a desk that connected was sent to catch up, once it reached the head it was told. */
  replayed(alerts: number): void;
  /** An acknowledgement entry was written to the log. */
  ackRecorded(type: AckType): void;
  /** An acknowledgement event was refused (the order rules, an unknown alert, a malformed event). */
  ackRefused(code: string): void;
  handshakeRefused(reason: HandshakeRefusal): void;
  /** An account was locked by failed sign-ins; `unknown`: a username that names no account. */
  lockout(account: 'existing' | 'unknown'): void;
}

/** Metrics off: every report is dropped. */
export const noHubMetrics: HubMetrics = {
  hitStored() {},
  receipt() {},
  replayed() {},
  ackRecorded() {},
  ackRefused() {},
  handshakeRefused() {},
  lockout() {},
};
