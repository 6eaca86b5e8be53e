/**
 * Who may read one alert (its hit, trail and receipts) or export it as evidence: a user it was
 * delivered to, or a supervisor; and in either case only a user of the alert's data domain
 * (docs/protocol.md 1.1 "Domains": motor-carrier alerts reach motor-carrier users only, and those
 * users see nothing else, whatever their role).
 */
import { sameDomain } from '../../shared/filter.js';
import type { Hit } from '../../shared/protocol/index.js';
import type { Principal } from '../auth/access-tokens.js';
import { forbidden } from '../errors.js';
import type { Receipt, UserRecord } from '../store/port.js';

export function assertMayReadAlert(
  me: Pick<Principal, 'userId' | 'roles'>,
  account: Pick<UserRecord, 'domain'>,
  hit: Pick<Hit, 'domain'>,
  receipts: readonly Pick<Receipt, 'userId'>[],
): void {
  if (!sameDomain(hit, account.domain)) throw forbidden('this alert belongs to another data domain');
  if (!me.roles.includes('supervisor') && !receipts.some((r) => r.userId === me.userId)) throw forbidden('this alert was not delivered to you');
}
