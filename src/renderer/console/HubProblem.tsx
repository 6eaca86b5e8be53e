/**
 * A hub refusal in words, for every screen that asks the hub (the `{ok: false, error}` of askHub):
 * a 403 says the hub does not allow it for this account, a sign-out says to sign in, anything else
 * gives the hub's own message. Never a blank screen, never a raw code alone.
 */
import type { z } from 'zod';
import type { HubFailure } from '../../shared/ipc.js';

export type HubProblemError = z.infer<typeof HubFailure>['error'];

function headline(error: HubProblemError): string {
  if (error.status === 403 || error.code === 'forbidden') return 'Not allowed';
  if (error.code === 'signed_out' || error.status === 401) return 'Signed out';
  if (error.status === 400) return 'The hub refused the request';
  if (error.status === 404) return 'Not found on the hub';
  return 'The hub could not answer';
}

export function HubProblem({ error, what, onRetry }: { error: HubProblemError; what?: string; onRetry?: () => void }): React.JSX.Element {
  const forbidden = error.status === 403 || error.code === 'forbidden';
  return (
    <div className="hub-problem" role="alert" data-testid="hub-problem" data-code={error.code}>
      <h2>
        {headline(error)}
        {what ? `: ${what}` : ''}
      </h2>
      <p>{error.message.replace(/^Not allowed: /, '')}</p>
      {forbidden && <p className="muted">The hub decides who may see this. If you need it, ask your supervisor or the administrator for the role.</p>}
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <span className="mono">{i.path}</span>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && !forbidden && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
