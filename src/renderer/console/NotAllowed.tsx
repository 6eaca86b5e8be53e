/** What an address the user may not open, or that names no screen, shows instead of a blank page. */
import type { Role } from '../../shared/protocol/user.js';
import { Link } from '../router/Link.js';
import { rolesInWords } from './access.js';

export function NotAllowed({ title, roles, home }: { title: string; roles: readonly Role[]; home: string }): React.JSX.Element {
  return (
    <main className="route-problem" aria-labelledby="route-problem-title" data-testid="not-allowed">
      <h1 id="route-problem-title">Not allowed: this screen is for {rolesInWords(roles)}</h1>
      <p>
        “{title}” is not part of your console. Your account’s roles do not include it, and the hub would refuse it.
      </p>
      <p>
        <Link to={home}>Back to your console</Link>
      </p>
    </main>
  );
}

export function NoSuchScreen({ path, home }: { path: string; home: string }): React.JSX.Element {
  return (
    <main className="route-problem" aria-labelledby="route-problem-title" data-testid="no-such-screen">
      <h1 id="route-problem-title">No such screen</h1>
      <p>
        The address <span className="mono">#{path}</span> does not name a screen of OpenTAS.
      </p>
      <p>
        <Link to={home}>Back to your console</Link>
      </p>
    </main>
  );
}
