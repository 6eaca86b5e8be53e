/** "Copy for report": the ALPR type, camera, location, time, verification and action, ready to paste (ENF-051 IV.E.10). */
import { useState } from 'react';
import type { Hit } from '../../shared/protocol/hit.js';
import type { AckEntry } from '../../shared/protocol/ack.js';
import { reportText } from '../model/reportText.js';

export function CopyForReport({ hit, county, mine }: { hit: Hit; county?: string; mine: readonly AckEntry[] }): React.JSX.Element {
  const [status, setStatus] = useState<string>();
  const text = reportText(hit, county, mine);
  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('Could not reach the clipboard: select the text below and copy it.');
    }
  }
  return (
    <div className="report">
      <button type="button" className="secondary" onClick={() => void copy()} data-testid="copy-report">
        Copy for report
      </button>
      <span role="status" className="hint">
        {status}
      </span>
      {status && <pre data-testid="report-text">{text}</pre>}
    </div>
  );
}
