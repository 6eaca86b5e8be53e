/**
 * The IPC channels of the admin's screens (docs/protocol.md, accounts v1.1): users, ingest keys and the
 * policy with its change history. Each answers the hub's value or its refusal (`hubAnswer`).
 * Two answers carry a secret on purpose: a reset user's temporary password and a new ingest key.
 * The hub gives each exactly once and the admin must read it off the screen to hand it over; the
 * main process keeps neither. Spread into `invokeChannels` (src/shared/ipc.ts).
 */
import { z } from 'zod';
import { hubAnswer } from './hub-answer.js';
import { AccountUser, CreatedKey, IngestKeyItem, KeyName, NewUserRequest, Policy, UserPatch } from './protocol/index.js';

const Id = z.strictObject({ id: z.string().min(1).max(128) });
const Done = z.literal(true);

/** One recorded policy change: who, when, and the policy before and after. */
export const PolicyChange = z.strictObject({
  at: z.string(),
  username: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type PolicyChange = z.infer<typeof PolicyChange>;

export const adminChannels = {
  'admin:users': { request: z.strictObject({}).optional(), response: hubAnswer(z.array(AccountUser)) },
  'admin:createUser': { request: NewUserRequest, response: hubAnswer(AccountUser) },
  'admin:updateUser': { request: z.strictObject({ id: z.string().min(1).max(128), patch: UserPatch }), response: hubAnswer(AccountUser) },
  'admin:unlockUser': { request: Id, response: hubAnswer(Done) },
  'admin:resetPassword': { request: Id, response: hubAnswer(z.strictObject({ temporaryPassword: z.string() })) },
  'admin:endSessions': { request: Id, response: hubAnswer(Done) },
  'admin:keys': { request: z.strictObject({}).optional(), response: hubAnswer(z.array(IngestKeyItem)) },
  'admin:createKey': { request: KeyName, response: hubAnswer(CreatedKey) },
  'admin:revokeKey': { request: Id, response: hubAnswer(Done) },
  'admin:policy': { request: z.strictObject({}).optional(), response: hubAnswer(Policy) },
  'admin:setPolicy': { request: Policy, response: hubAnswer(Policy) },
  'admin:policyHistory': { request: z.strictObject({}).optional(), response: hubAnswer(z.array(PolicyChange)) },
} as const;
