/**
 * Builds docs/asyncapi.json: the hub's `/alerts` Socket.IO events as an AsyncAPI 3 document, made
 * from the zod schemas the hub and the desk parse the same events with (src/shared/protocol, and
 * src/shared/ipc-review.ts and ipc-troop.ts for `escalation` and `troop`), so the document says what
 * the code accepts.
 *
 *   node --import tsx scripts/make-asyncapi.ts          writes docs/asyncapi.json
 *
 * test/unit/backend/asyncapi.test.ts rebuilds it and fails when the file differs, when it is not a
 * valid AsyncAPI 3.0 document, or when the hub emits or listens for an event this list lacks.
 *
 * The document describes the hub: `send` is what the hub emits, `receive` what a desk emits to it.
 * A few payloads have no zod schema in src/shared because the hub checks them by hand (the receipt,
 * `reauth` and its answer); they are written here from that code and marked `x-opentas-schema-source`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HUB_VERSION } from '../src/backend/server.js';
import { Escalation } from '../src/shared/ipc-review.js';
import { TroopUpdate } from '../src/shared/ipc-troop.js';
import {
  AckEntry,
  AckEvent,
  AckResult,
  Action,
  Alert,
  AlertEnvelope,
  Category,
  Close,
  Hello,
  Hit,
  IsoTime,
  Policy,
  SessionEnded,
  StreamAuth,
  Verification,
  Zone,
  ZoneGeometry,
} from '../src/shared/protocol/index.js';

export const ASYNCAPI_PATH = fileURLToPath(new URL('../docs/asyncapi.json', import.meta.url));

/** Where a hand-checked payload's rule lives, for the reader who wants to confirm it. */
const HAND_CHECKED = {
  Receipt: 'src/backend/stream/delivery.ts (the hub keeps a receipt only when `received` is true)',
  Reauth: 'src/backend/stream/alert-stream.ts `reauth`',
  ReauthAnswer: 'src/backend/stream/alert-stream.ts `reauth`',
};

const Receipt = z.strictObject({ received: z.literal(true) }).describe('The desk has stored the alert durably.');
const Reauth = z.strictObject({ token: z.string().min(1).max(4096) }).describe('A newer access token of the same session.');
const ReauthAnswer = z.union([
  z.strictObject({ ok: z.literal(true) }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
]);
const Zones = z.array(Zone).describe("The user's zones, whole.");

/** Named schemas: each becomes components.schemas.<name>, and every use of it a $ref. */
const SCHEMAS: Record<string, z.ZodType> = {
  IsoTime,
  Category,
  Hit,
  Alert,
  AlertEnvelope,
  ZoneGeometry,
  Zone,
  Zones,
  Policy,
  StreamAuth,
  Hello,
  Verification,
  Action,
  Close,
  AckEvent,
  AckEntry,
  AckResult,
  Receipt,
  SessionEnded,
  Reauth,
  ReauthAnswer,
  Escalation,
  TroopUpdate,
};

type Since = '1' | '1.1' | 'addition';

interface MessageSpec {
  /** The Socket.IO event name (several messages may share one, e.g. `ack` both ways). */
  event: string;
  schema: keyof typeof SCHEMAS;
  title: string;
  summary: string;
  since: Since;
}

/** Every message of the namespace, keyed by its id in the document. */
const MESSAGES: Record<string, MessageSpec> = {
  hello: { event: 'hello', schema: 'Hello', since: '1', title: 'Hello', summary: 'First event after connecting: server time, head seq, policy, the user\'s zones, and whether alerts older than the replay window were missed (gap).' },
  alert: { event: 'alert', schema: 'AlertEnvelope', since: '1', title: 'Alert', summary: 'One alert, replayed in seq order after hello, then live. May arrive more than once; keep it once by alert.id.' },
  receipt: { event: 'alert (callback)', schema: 'Receipt', since: '1', title: 'Delivery receipt', summary: "The desk's answer to an alert once it has stored it durably; the hub records user, clientId and time." },
  ackEvent: { event: 'ack', schema: 'AckEvent', since: '1', title: 'Acknowledgement event', summary: 'A step of the acknowledgement trail (acknowledged, verified, action_taken, closed); eventId is the idempotency key.' },
  ackResult: { event: 'ack (callback)', schema: 'AckResult', since: '1', title: 'Acknowledgement answer', summary: 'ok with the entry seq, or the refusal code (order rules, unknown_alert, forbidden, invalid_event). A repeated eventId gets the first answer.' },
  ackEntry: { event: 'ack', schema: 'AckEntry', since: '1', title: 'Acknowledgement entry', summary: 'A new entry of the log, sent to every user the alert was delivered to.' },
  zones: { event: 'zones', schema: 'Zones', since: '1', title: 'Zones', summary: "The user's zones again, whole, after a change that concerns them." },
  policy: { event: 'policy', schema: 'Policy', since: '1', title: 'Policy', summary: 'The policy again, to everyone, after an admin changed it.' },
  sessionEnded: { event: 'session_ended', schema: 'SessionEnded', since: '1.1', title: 'Session ended', summary: 'The session ended (disabled, revoked, locked, certification_expired, password_changed) or this socket\'s token expired (expired); the hub disconnects right after.' },
  reauth: { event: 'reauth', schema: 'Reauth', since: '1.1', title: 'Re-authenticate', summary: 'A refreshed access token of the same session keeps the socket open past the first token\'s expiry.' },
  reauthAnswer: { event: 'reauth (callback)', schema: 'ReauthAnswer', since: '1.1', title: 'Re-authentication answer', summary: 'ok, or why the token was not taken (the desk then reconnects).' },
  escalation: { event: 'escalation', schema: 'Escalation', since: 'addition', title: 'Escalation', summary: 'Nobody verified this alert 10 minutes after its first delivery: sent once, hub-wide, to the supervisors and dispatchers of the units that received it.' },
  troop: { event: 'troop', schema: 'TroopUpdate', since: 'addition', title: 'Troop entry', summary: "A new acknowledgement entry on an alert that concerns the user's unit, for the dispatchers' and supervisors' Troop view." },
};

interface OperationSpec {
  action: 'send' | 'receive';
  message: keyof typeof MESSAGES;
  reply?: keyof typeof MESSAGES;
  summary: string;
}

const OPERATIONS: Record<string, OperationSpec> = {
  sendHello: { action: 'send', message: 'hello', summary: 'Greets a desk that has connected.' },
  sendAlert: { action: 'send', message: 'alert', reply: 'receipt', summary: 'Delivers an alert and waits for its receipt.' },
  receiveAck: { action: 'receive', message: 'ackEvent', reply: 'ackResult', summary: 'Takes a step of the acknowledgement trail; the hub enforces the order.' },
  sendAckEntry: { action: 'send', message: 'ackEntry', summary: 'Fans a new log entry out to the desks that have the alert.' },
  sendZones: { action: 'send', message: 'zones', summary: 'Pushes changed zones to the users they concern.' },
  sendPolicy: { action: 'send', message: 'policy', summary: 'Pushes a changed policy to everyone.' },
  sendSessionEnded: { action: 'send', message: 'sessionEnded', summary: 'Ends a socket whose session ended, within 5 seconds.' },
  receiveReauth: { action: 'receive', message: 'reauth', reply: 'reauthAnswer', summary: 'Takes a refreshed token for an open socket.' },
  sendEscalation: { action: 'send', message: 'escalation', summary: 'Escalates an alert nobody verified in time.' },
  sendTroop: { action: 'send', message: 'troop', summary: "Keeps the Troop view of a unit's dispatchers and supervisors current." },
};

const CHANNEL_DESCRIPTION = [
  'The Socket.IO namespace `/alerts` (websocket transport only) on the hub\'s HTTP port.',
  'Handshake `auth` is StreamAuth: `{token, clientId, resumeFrom?}`. A refused handshake gets `connect_error`',
  'with message `unauthorized` or `token_expired` (v1), `certification_expired`, `password_change_required` or',
  '`otp_enrollment_required` (v1.1). Socket.IO acknowledgement callbacks carry the replies.',
].join(' ');

/** The JSON Schemas of every named schema, with $refs between them. */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  // `input`: what the receiving side's parser accepts (fields with defaults are optional).
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-07', io: 'input', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(SCHEMAS)) {
    const { $schema: _schema, $id: _id, ...rest } = schemas[id] ?? {};
    const source = HAND_CHECKED[id as keyof typeof HAND_CHECKED];
    out[id] = source ? { ...rest, 'x-opentas-schema-source': source } : rest;
  }
  return out;
}

export function buildAsyncApi(): Record<string, unknown> {
  const messages = Object.fromEntries(
    Object.entries(MESSAGES).map(([id, m]) => [
      id,
      {
        name: m.event,
        title: m.title,
        summary: m.summary,
        contentType: 'application/json',
        payload: { $ref: `#/components/schemas/${m.schema}` },
        'x-opentas-since': m.since,
      },
    ]),
  );
  const ref = (id: string) => ({ $ref: `#/channels/alerts/messages/${id}` });
  const operations = Object.fromEntries(
    Object.entries(OPERATIONS).map(([id, o]) => [
      id,
      {
        action: o.action,
        channel: { $ref: '#/channels/alerts' },
        summary: o.summary,
        messages: [ref(o.message)],
        ...(o.reply ? { reply: { channel: { $ref: '#/channels/alerts' }, messages: [ref(o.reply)] } } : {}),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'OpenTAS hub: the /alerts stream',
      version: HUB_VERSION,
      description:
        'The events of the hub\'s alert stream, generated from the zod schemas in src/shared by scripts/make-asyncapi.ts ' +
        '(do not edit by hand). `send` operations are what the hub emits, `receive` what a desk emits to it. ' +
        '`x-opentas-since` marks each message: 1, 1.1, or an addition of this project. The rules behind the events ' +
        '(replay, receipts, the acknowledgement order, session ends) are in docs/protocol.md.',
    },
    servers: {
      hub: {
        host: '{hubHost}',
        protocol: 'wss',
        pathname: '/socket.io/',
        description: 'opentas-hub serve: HTTPS and WSS with --tls-cert/--tls-key; plain ws only on loopback or behind a TLS proxy.',
        variables: { hubHost: { default: '127.0.0.1:8443', description: 'host:port the hub listens on' } },
      },
    },
    defaultContentType: 'application/json',
    channels: {
      alerts: {
        address: '/alerts',
        title: 'The alert stream',
        description: CHANNEL_DESCRIPTION,
        messages: Object.fromEntries(Object.keys(MESSAGES).map((id) => [id, { $ref: `#/components/messages/${id}` }])),
        'x-socketio-handshake-auth': { $ref: '#/components/schemas/StreamAuth' },
      },
    },
    operations,
    components: { schemas: componentSchemas(), messages },
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export const renderAsyncApi = (): string => `${JSON.stringify(buildAsyncApi(), null, 2)}\n`;

/** Socket.IO event names the document covers (the callbacks ride on their event). */
export const documentedEvents = (): Set<string> => new Set(Object.values(MESSAGES).map((m) => m.event));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ASYNCAPI_PATH, renderAsyncApi());
  console.log(`wrote ${ASYNCAPI_PATH}`);
}
