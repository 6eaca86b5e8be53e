/**
 * "Delete my local data": the signed-in user's alerts, acknowledgement outbox and key on this
 * computer are deleted and the user is signed out (for a desk handed to someone else, or on
 * leaving a post). A confirm dialog first; refused, with the count, while acknowledgements are
 * still waiting for the hub, since an acknowledgement must never be lost.
 */
import { useRef, useState } from 'react';
import { tas } from '../api.js';
import './local-data.css';

export function DeleteLocalData(): React.JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function remove(): Promise<void> {
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await tas().invoke('localData:delete');
      // On success the session ends and the sign-in screen replaces this one.
      if (!answer.ok) setProblem(answer.error.message);
    } catch (err) {
      setProblem(`Your local data could not be deleted: ${(err as Error).message}`);
    } finally {
      setBusy(false);
      dialog.current?.close();
    }
  }

  return (
    <section aria-labelledby="local-data-title">
      <h2 id="local-data-title">Local data on this computer</h2>
      <p className="hint">
        Your alerts on this computer are kept encrypted with a key of your own. Deleting them signs you out; the hub keeps every alert and
        acknowledgement, so nothing of the record is lost.
      </p>
      <button type="button" className="danger-outline" onClick={() => dialog.current?.showModal()} data-testid="local-data-delete">
        Delete my local data
      </button>
      {problem && (
        <p role="alert" className="form-error local-data-problem" data-testid="local-data-problem">
          {problem}
        </p>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="local-data-confirm-title" aria-describedby="local-data-confirm-text">
        <h2 id="local-data-confirm-title">Delete your local data?</h2>
        <p id="local-data-confirm-text">
          Your alerts and your key on this computer are deleted and you are signed out. The hub keeps the record; recent alerts come back
          from it when you sign in again.
        </p>
        <div className="confirm-actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()} autoFocus disabled={busy}>
            Keep my data
          </button>
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy} data-testid="local-data-confirm">
            {busy ? 'Deleting…' : 'Delete and sign out'}
          </button>
        </div>
      </dialog>
    </section>
  );
}
