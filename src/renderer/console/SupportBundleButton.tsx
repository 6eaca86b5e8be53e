/**
 * "Save support bundle": the desk's versions, connection history, recent problems and counts in a
 * file for the ALPR coordinator (ENF-051 V.D), with no plate, image, name, token or key in it.
 */
import { useState } from 'react';
import { tas } from '../api.js';

export function SupportBundleButton(): React.JSX.Element {
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function save(): Promise<void> {
    setBusy(true);
    setStatus('Making the support bundle…');
    try {
      const bundle = await tas().invoke('support:bundle');
      const url = URL.createObjectURL(new Blob([bundle.json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = bundle.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Saved ${bundle.fileName}. Send it to your ALPR coordinator with your support request.`);
    } catch (err) {
      setStatus(`The support bundle could not be made: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="support-title">
      <h2 id="support-title">Support</h2>
      <p className="hint">Versions, connection history and recent problems of this desk, for your ALPR coordinator. It holds no plate, photo, name, password or key.</p>
      <button type="button" className="secondary" onClick={() => void save()} disabled={busy} data-testid="support-bundle">
        Save support bundle
      </button>
      {status && (
        <p role="status" className="hint" data-testid="support-bundle-status">
          {status}
        </p>
      )}
    </section>
  );
}
