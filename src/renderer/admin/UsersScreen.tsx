/**
 * The admin's Users screen (docs/protocol.md v1.1): every account with search and filters (role, unit,
 * status, certification lapsing), and beside the list the selected account's editor or the form
 * for a new one. The Work Unit ALPR Coordinator uses it to "ensure user information is properly
 * entered": roles, unit, LEADS certification and training dates, and the account's state.
 */
import { useCallback, useMemo, useState } from 'react';
import { Role, type AccountUser } from '../../shared/protocol/index.js';
import { tas } from '../api.js';
import { HubProblem } from '../console/HubProblem.js';
import { useNow } from '../state/useNow.js';
import { filterUsers, NO_FILTER, ROLE_LABELS, STATUS_LABELS, unitsOf, type UserFilter, type UserStatus } from './model/users.js';
import { NewUserForm } from './NewUserForm.js';
import { CertificationNote, shortDate, UserBadges } from './UserBadges.js';
import { UserEditor } from './UserEditor.js';
import { useHubList } from './useHubList.js';
import './admin.css';

export function UsersScreen(): React.JSX.Element {
  const now = useNow();
  const read = useCallback(() => tas().invoke('admin:users'), []);
  const { items, error, reload } = useHubList<AccountUser>(read);
  const [filter, setFilter] = useState<UserFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const users = useMemo(() => items ?? [], [items]);
  const shown = useMemo(() => filterUsers(users, filter, now), [users, filter, now]);
  const units = useMemo(() => unitsOf(users), [users]);
  const selected = users.find((u) => u.id === selectedId);
  const set = (patch: Partial<UserFilter>): void => setFilter((f) => ({ ...f, ...patch }));

  return (
    <main className="admin-screen" aria-labelledby="users-title" data-testid="users-screen">
      <header className="admin-head">
        <h1 id="users-title">Users</h1>
        <span className="muted">{items ? `${shown.length} of ${users.length} accounts` : 'Loading…'}</span>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setAdding(true);
            setSelectedId(undefined);
          }}
        >
          Add user
        </button>
      </header>
      {error && <HubProblem error={error} what="the user list" onRetry={() => void reload()} />}
      <form className="filters" role="search" aria-label="Find users" onSubmit={(e) => e.preventDefault()}>
        <label className="grow">
          Search
          <input type="search" value={filter.search} placeholder="Name, username or unit" onChange={(e) => set({ search: e.target.value })} />
        </label>
        <label>
          Role
          <select value={filter.role} onChange={(e) => set({ role: e.target.value as UserFilter['role'] })}>
            <option value="all">Any role</option>
            {Role.options.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Unit
          <select value={filter.unit} onChange={(e) => set({ unit: e.target.value })}>
            <option value="all">Any unit</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filter.status} onChange={(e) => set({ status: e.target.value as UserStatus })}>
            {(Object.keys(STATUS_LABELS) as UserStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {filter !== NO_FILTER && (
          <button type="button" className="secondary" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        )}
      </form>
      <div className="admin-split">
        <div className="table-wrap">
          <table className="admin-table users-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Unit</th>
                <th scope="col">State</th>
                <th scope="col">Certification</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.id} className={u.id === selectedId ? 'selected' : undefined} data-testid="user-row" data-username={u.username}>
                  <td>
                    <button
                      type="button"
                      className="row-open"
                      aria-current={u.id === selectedId ? 'true' : undefined}
                      onClick={() => {
                        setSelectedId(u.id);
                        setAdding(false);
                      }}
                    >
                      <strong>{u.displayName}</strong>
                      <span className="muted">{u.username}</span>
                    </button>
                  </td>
                  <td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                  <td>{u.unit ?? '—'}</td>
                  <td>
                    <UserBadges user={u} />
                  </td>
                  <td>
                    <CertificationNote user={u} now={now} />
                  </td>
                  <td>{u.lastLoginAt ? shortDate(u.lastLoginAt) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items && shown.length === 0 && <p className="empty">No account matches these filters.</p>}
        </div>
        <aside className="admin-side" aria-label={adding ? 'New user' : selected ? `Account of ${selected.displayName}` : 'Account'}>
          {adding ? (
            <NewUserForm
              units={units}
              onCreated={(user) => {
                setAdding(false);
                setSelectedId(user.id);
                void reload();
              }}
              onCancel={() => setAdding(false)}
            />
          ) : selected ? (
            <UserEditor key={selected.id} user={selected} now={now} onChanged={() => void reload()} />
          ) : (
            <p className="empty">Select an account to edit its roles, unit and certification, or to disable, unlock or reset it.</p>
          )}
        </aside>
      </div>
    </main>
  );
}
