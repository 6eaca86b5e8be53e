/**
 * A hit of the hub's local hot list says so above everything else, with who put the plate there and
 * the case: the officer calls that person, not NCIC, to learn what the entry is about.
 */
import type { Hit } from '../../shared/protocol/hit.js';
import { localHitLine } from '../local-list/model.js';
import '../local-list/local-list.css';

export function LocalEntryLine({ hit }: { hit: Hit }): React.JSX.Element | null {
  const line = localHitLine(hit);
  if (!line) return null;
  return (
    <p className="local-entry-line" data-testid="local-entry-line">
      {line}
    </p>
  );
}
