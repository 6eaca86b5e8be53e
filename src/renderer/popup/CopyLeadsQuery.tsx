/**
 * "Copy LEADS query": the vehicle query for this hit in the agency's terminal format (the policy's
 * template and ORI), so the trooper pastes it into the LEADS terminal instead of retyping the
 * plate. The hot-list entry's plate and state are queried: that is the record to confirm.
 */
import { useContext } from 'react';
import type { Hit } from '../../shared/protocol/hit.js';
import { DEFAULT_QUERY_TEMPLATE, queryText } from '../../shared/leads/query-text.js';
import { ConsoleContext } from '../console/ConsoleContext.js';
import { useCopy } from '../state/useCopy.js';

export function CopyLeadsQuery({ hit }: { hit: Hit }): React.JSX.Element {
  const policy = useContext(ConsoleContext)?.tas.policy?.leadsQuery;
  const text = queryText(policy?.template ?? DEFAULT_QUERY_TEMPLATE, { PLATE: hit.hotlist.plate, STATE: hit.hotlist.state, ORI: policy?.ori });
  const noOri = (policy?.template ?? DEFAULT_QUERY_TEMPLATE).includes('{ORI}') && !policy?.ori;
  const { status, copy } = useCopy(text, {
    copied: `Copied: paste it into the LEADS terminal.${noOri ? ' No agency ORI is set in the policy: add yours before sending.' : ''}`,
    failed: 'Could not reach the clipboard: type the query shown.',
  });
  return (
    <div className="leads-query">
      <button type="button" className="secondary" onClick={() => void copy()} data-testid="copy-leads-query">
        Copy LEADS query
      </button>
      <code className="mono" data-testid="leads-query-text">
        {text}
      </code>
      <span role="status" className="hint" data-testid="leads-query-status">
        {status}
      </span>
    </div>
  );
}
