/**
 * The hub's 1.1 accounts API as the client uses it (docs/protocol.md "Accounts, sessions and keys (v1.1)"):
 * the admin's users and ingest keys, and the signed-in user's own password and second factor.
 * Small functions over HubApi.call, so each answer is parsed with the protocol's schema and each
 * refusal arrives as a HubError with the hub's code.
 */
import { z } from 'zod';
import {
  AccountUser,
  CreatedKey,
  IngestKeyItem,
  OtpEnrolment,
  Policy,
  TemporaryPassword,
  type NewUserRequest,
  type UserPatch,
} from '../../shared/protocol/index.js';
import type { PolicyChange } from '../../shared/ipc-admin.js';
import type { HubApi } from './hub-api.js';

const nothing = z.unknown();
const id = (value: string): string => encodeURIComponent(value);

export function listUsers(hub: HubApi, token: string): Promise<AccountUser[]> {
  return hub.call('GET', '/users', z.object({ items: z.array(AccountUser) }), { token }).then((b) => b.items);
}

export function createUser(hub: HubApi, token: string, user: NewUserRequest): Promise<AccountUser> {
  return hub.call('POST', '/users', AccountUser, { token, body: user });
}

export function updateUser(hub: HubApi, token: string, userId: string, patch: UserPatch): Promise<AccountUser> {
  return hub.call('PATCH', `/users/${id(userId)}`, AccountUser, { token, body: patch });
}

export async function unlockUser(hub: HubApi, token: string, userId: string): Promise<void> {
  await hub.call('POST', `/users/${id(userId)}/unlock`, nothing, { token });
}

/** A one-use password: shown once to the admin, who hands it to the user in person. */
export async function resetPassword(hub: HubApi, token: string, userId: string): Promise<string> {
  return (await hub.call('POST', `/users/${id(userId)}/password`, TemporaryPassword, { token })).temporaryPassword;
}

export async function endSessions(hub: HubApi, token: string, userId: string): Promise<void> {
  await hub.call('DELETE', `/users/${id(userId)}/sessions`, nothing, { token });
}

export function listKeys(hub: HubApi, token: string): Promise<IngestKeyItem[]> {
  return hub.call('GET', '/keys', z.object({ items: z.array(IngestKeyItem) }), { token }).then((b) => b.items);
}

export function createKey(hub: HubApi, token: string, name: string): Promise<CreatedKey> {
  return hub.call('POST', '/keys', CreatedKey, { token, body: { name } });
}

export async function revokeKey(hub: HubApi, token: string, keyId: string): Promise<void> {
  await hub.call('DELETE', `/keys/${id(keyId)}`, nothing, { token });
}

/** The user's own password; the hub ends the user's other sessions. */
export async function changeOwnPassword(hub: HubApi, token: string, currentPassword: string, newPassword: string): Promise<void> {
  await hub.call('POST', '/me/password', nothing, { token, body: { currentPassword, newPassword } });
}

export function startOtpEnrolment(hub: HubApi, token: string): Promise<OtpEnrolment> {
  return hub.call('POST', '/me/otp', OtpEnrolment, { token });
}

export async function confirmOtpEnrolment(hub: HubApi, token: string, otp: string): Promise<void> {
  await hub.call('POST', '/me/otp/confirm', nothing, { token, body: { otp } });
}

export function putPolicy(hub: HubApi, token: string, policy: Policy): Promise<Policy> {
  return hub.call('PUT', '/policy', Policy, { token, body: policy });
}

const AuditItem = z.object({
  at: z.string(),
  username: z.string().nullable(),
  detail: z.object({ before: z.record(z.string(), z.unknown()).nullish(), after: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});

/**
 * Who changed the policy, when, and from what to what: the hub's security audit trail (its
 * `GET /audit/events` addition) filtered to `policy_put`, newest first.
 */
export async function policyHistory(hub: HubApi, token: string): Promise<PolicyChange[]> {
  const body = await hub.call('GET', '/audit/events?action=policy_put&limit=50', z.object({ items: z.array(AuditItem) }), { token });
  return body.items
    .map((e) => ({ at: e.at, username: e.username, before: e.detail?.before ?? null, after: e.detail?.after ?? null }))
    .sort((a, b) => b.at.localeCompare(a.at));
}
