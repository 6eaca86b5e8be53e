/** "Copy for report": the ALPR type, camera, location, time, verification and action, ready to paste (ENF-051 IV.E.10). */
import type { Hit } from '../../shared/protocol/hit.js';
import type { AckEntry } from '../../shared/protocol/ack.js';
import { reportText } from '../model/reportText.js';
import { useCopy } from '../state/useCopy.js';

export function CopyForReport({ hit, county, mine }: { hit: Hit; county?: string; mine: readonly AckEntry[] }): React.JSX.Element {
  const text = reportText(hit, county, mine);
  const { status, copy } = useCopy(text, { copied: 'Copied to the clipboard.', failed: 'Could not reach the clipboard: select the text below and copy it.' });
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
