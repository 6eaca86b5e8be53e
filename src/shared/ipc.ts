/**
 * The IPC contract: the only things that cross between the renderer and the main process.
 * Invoke channels are `domain:verb` with a zod request and response schema; events (main ->
 * renderer) are `domain:noun`. The main side validates every request (and its sender) against this
 * table, the preload exposes exactly these channels on `window.tas`, and the browser host carries
 * the same table over a local WebSocket. Secrets (tokens, keys) never appear here.
 */
import { z } from 'zod';
import { SpeechSettings } from './speech-settings.js';
import {
  AckEntry,
  AckType,
  Action,
  Alert,
  BaseMapSource,
  Category,
  Close,
  LoginRequest,
  Policy,
  PublicUser,
  Verification,
  Zone,
} from './protocol/index.js';
import { zonesChannels } from './ipc-zones.js';
import { troopChannels, troopEvents } from './ipc-troop.js';
import { historyChannels } from './ipc-history.js';
import { readsChannels } from './ipc-reads.js';
import { localEntryChannels } from './ipc-local-entries.js';
import { hotlistChannels } from './ipc-hotlists.js';
import { evidenceChannels } from './ipc-evidence.js';
import { accountChannels } from './ipc-account.js';
import { adminChannels } from './ipc-admin.js';
import { mapChannels } from './ipc-map.js';
import { supportChannels } from './ipc-support.js';
import { localDataChannels } from './ipc-local-data.js';
import { reviewChannels, reviewEvents } from './ipc-review.js';

export const IpcError = z.strictObject({ code: z.string(), message: z.string() });
export type IpcError = z.infer<typeof IpcError>;

export { HubFailure, hubAnswer } from './hub-answer.js';

/** An acknowledgement event waiting in the durable outbox for the hub's answer. */
export const PendingAck = z.strictObject({
  eventId: z.string(),
  alertId: z.string(),
  type: AckType,
  at: z.string(),
  attempts: z.number().int().min(0),
  /** Set when the hub refused the event: shown to the user, never retried. */
  refused: IpcError.optional(),
});
export type PendingAck = z.infer<typeof PendingAck>;

/** An alert as the UI shows it: the alert, its trail on the hub and what is still pending. */
export const AlertView = z.strictObject({
  seq: z.number().int().positive(),
  alert: Alert,
  receivedAt: z.string(),
  trail: z.array(AckEntry),
  pending: z.array(PendingAck),
});
export type AlertView = z.infer<typeof AlertView>;

/** What the locked console may show of an alert: its category only. */
export const LockedAlertView = z.strictObject({
  seq: z.number().int().positive(),
  category: Category,
  receivedAt: z.string(),
});
export type LockedAlertView = z.infer<typeof LockedAlertView>;

export const LinkState = z.enum(['connected', 'connecting', 'offline', 'signed_out']);
export const Presence = z.strictObject({
  state: LinkState,
  since: z.string(),
  /** True once the link has been down longer than the alarm threshold (30 s). */
  alarm: z.boolean(),
  lastError: z.string().optional(),
  gap: z.boolean().optional(),
});
export type Presence = z.infer<typeof Presence>;

export const Settings = z.strictObject({
  hubUrl: z.string().url(),
  volume: z.number().min(0).max(1),
  /** Lowers the non-mandatory categories only; mandatory ones always sound at full volume. */
  quiet: z.boolean(),
  theme: z.enum(['dark', 'light']),
  /** Optional categories the user receives (mandatory ones are always added back). */
  categories: z.array(Category),
  mapStyleUrl: z.string().url().optional(),
  /** This desk's street map (a PMTiles file path or https URL); overrides the policy's `baseMap`. */
  baseMapPmtiles: BaseMapSource.optional(),
  /** Spoken alerts (issue 12); absent: mandatory categories, default voice, normal rate. */
  speech: SpeechSettings.optional(),
});
export type Settings = z.infer<typeof Settings>;

export const SessionState = z.strictObject({
  signedIn: z.boolean(),
  locked: z.boolean(),
  user: PublicUser.optional(),
  hubUrl: z.string(),
  banner: z.string(),
  /** A sign-in the hub accepted only for a new password or a second factor: the step still due. */
  step: z.enum(['change_password', 'enroll_otp', 'next_otp']).optional(),
  /** Why the last session ended without the user signing out (`session_ended` reason or the hub's code). */
  ended: z.string().max(64).optional(),
  /** The tray asked to quit while locked: the lock screen asks for the password to quit. */
  quitAsked: z.boolean().optional(),
});
export type SessionState = z.infer<typeof SessionState>;

const Ok = z.strictObject({ ok: z.literal(true) });
const Fail = z.strictObject({ ok: z.literal(false), error: IpcError });
const Void = z.strictObject({}).optional();

export const AckRequest = z.strictObject({
  alertId: z.string().min(1).max(128),
  type: AckType,
  verification: Verification.optional(),
  action: Action.optional(),
  close: Close.optional(),
});
export type AckRequest = z.infer<typeof AckRequest>;

/** Invoke channels: name -> request and response schemas. */
export const invokeChannels = {
  'session:state': { request: Void, response: SessionState },
  'session:signIn': {
    request: LoginRequest,
    response: z.union([Ok.extend({ user: PublicUser }), Fail]),
  },
  'session:signOut': { request: Void, response: z.union([Ok, Fail]) },
  'session:unlock': {
    request: z.strictObject({ password: z.string().min(1).max(256), otp: z.string().regex(/^\d{6}$/).optional() }),
    response: z.union([Ok, Fail]),
  },
  /** The most recent alerts (at most 200); `older` is where `alerts:older` continues, null when nothing is older. */
  'alerts:list': {
    request: Void,
    response: z.union([
      z.strictObject({ locked: z.literal(false), items: z.array(AlertView), older: z.number().int().min(1).nullable() }),
      z.strictObject({ locked: z.literal(true), items: z.array(LockedAlertView) }),
    ]),
  },
  /** Alerts that arrived before the `before`-th one, newest first, read back from the desk's store. */
  'alerts:older': {
    request: z.strictObject({ before: z.number().int().min(1), limit: z.number().int().min(1).max(200).optional() }),
    response: z.union([
      z.strictObject({ ok: z.literal(true), items: z.array(AlertView), older: z.number().int().min(1).nullable() }),
      Fail,
    ]),
  },
  'ack:send': {
    request: AckRequest,
    response: z.union([Ok.extend({ eventId: z.string() }), Fail]),
  },
  'link:presence': { request: Void, response: Presence },
  'settings:get': { request: Void, response: Settings },
  'settings:set': { request: Settings.partial(), response: z.union([Ok.extend({ settings: Settings }), Fail]) },
  'zones:list': { request: Void, response: z.array(Zone) },
  'policy:get': { request: Void, response: Policy },
  'activity:ping': { request: Void, response: Ok },
  ...zonesChannels,
  ...troopChannels,
  ...historyChannels,
  ...readsChannels,
  ...localEntryChannels,
  ...hotlistChannels,
  ...evidenceChannels,
  ...accountChannels,
  ...adminChannels,
  ...mapChannels,
  ...supportChannels,
  ...localDataChannels,
  ...reviewChannels,
} as const;

/** Events main -> renderer: name -> payload schema. */
export const eventChannels = {
  'alerts:alert': z.union([AlertView, LockedAlertView]),
  /** An alert's trail or pending steps changed: its new view (absent when it is no longer in the desk's recent list). */
  'alerts:changed': z.strictObject({ alertId: z.string(), view: z.union([AlertView, LockedAlertView]).optional() }),
  /** The desk now keeps only the newest `keep` alerts in its recent list; the older ones start at `older` (alerts:older). */
  'alerts:trimmed': z.strictObject({ keep: z.number().int().nonnegative(), older: z.number().int().positive().nullable() }),
  /** The hub's zones changed (a dispatcher redrew or reassigned one). */
  'zones:changed': z.array(Zone),
  /** Show this alert (the user clicked its desktop notification). */
  'alerts:open': z.strictObject({ alertId: z.string() }),
  'link:presence': Presence,
  'session:state': SessionState,
  ...troopEvents,
  ...reviewEvents,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['response']>;
export type EventPayload<C extends EventChannel> = z.output<(typeof eventChannels)[C]>;

export const INVOKE_CHANNEL_NAMES = Object.keys(invokeChannels) as InvokeChannel[];
export const EVENT_CHANNEL_NAMES = Object.keys(eventChannels) as EventChannel[];

/** The API the preload (or the browser host's bridge) puts on `window.tas`. */
export interface TasApi {
  invoke<C extends InvokeChannel>(channel: C, request?: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}
