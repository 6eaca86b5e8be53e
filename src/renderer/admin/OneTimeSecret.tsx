/**
 * A secret the hub gives exactly once (a temporary password, a new ingest key): shown large, with
 * a copy button and the instruction of what to do with it, until the admin says it is noted.
 * Nothing keeps it afterwards, so the words say so plainly.
 */
import { useState } from 'react';

export function OneTimeSecret({ title, secret, instruction, onDone }: { title: string; secret: string; instruction: string; onDone: () => void }): React.JSX.Element {
  const [copied, setCopied] = useState<string>();
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied.');
    } catch {
      setCopied('Copy was refused here: select the text and press Ctrl+C.');
    }
  }
  return (
    <section className="one-time" role="status" aria-labelledby="one-time-title" data-testid="one-time-secret">
      <h3 id="one-time-title">{title}</h3>
      <p className="one-time-warning">Shown only now. It cannot be shown again.</p>
      <output className="one-time-value mono" data-testid="one-time-value" aria-label={title}>
        {secret}
      </output>
      <p>{instruction}</p>
      <div className="actions">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="primary" onClick={onDone}>
          I have noted it
        </button>
      </div>
      {copied && <p className="hint">{copied}</p>}
    </section>
  );
}

/** A button that asks once more before a step that cannot be undone quietly. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  danger,
  onConfirm,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  disabled?: boolean;
}): React.JSX.Element {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger-outline' : undefined} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={label}>
      <p>{question}</p>
      <button
        type="button"
        className={danger ? 'danger' : 'primary'}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
