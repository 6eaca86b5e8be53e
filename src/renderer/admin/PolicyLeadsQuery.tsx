/**
 * The Policy screen's LEADS query: the template the popup's "Copy LEADS query" fills from the hit,
 * and the agency's ORI. Checked as typed with the rule the hub applies (src/shared/leads), so an
 * unknown {FIELD} is named before save; a sample shows what a trooper will paste.
 */
import { ORI_PATTERN, QUERY_FIELDS, queryTemplateProblem, queryText, type LeadsQueryPolicy } from '../../shared/leads/query-text.js';

/** The words for what is wrong, or undefined when the hub will take it. */
export function leadsQueryProblem(q: LeadsQueryPolicy): string | undefined {
  const template = queryTemplateProblem(q.template);
  if (template) return template;
  if (q.ori !== undefined && !ORI_PATTERN.test(q.ori)) return 'An ORI is 9 characters: two state letters and seven letters or digits (e.g. IL0849900).';
  return undefined;
}

export function PolicyLeadsQuery({ value, onChange }: { value: LeadsQueryPolicy; onChange: (value: LeadsQueryPolicy) => void }): React.JSX.Element {
  const problem = leadsQueryProblem(value);
  const sample = queryText(value.template, { PLATE: 'ABC1234', STATE: 'IL', ORI: value.ori ?? '' });
  const setOri = (ori: string): void => {
    const { ori: _dropped, ...rest } = value;
    onChange(ori.trim() === '' ? rest : { ...rest, ori: ori.trim().toUpperCase() });
  };
  return (
    <fieldset data-testid="policy-leads-query">
      <legend>LEADS / NCIC query</legend>
      <div className="row">
        <label className="grow">
          Vehicle query template (copied from each alert by the popup)
          <input
            value={value.template}
            onChange={(e) => onChange({ ...value, template: e.target.value })}
            spellCheck={false}
            maxLength={200}
            className="mono"
            data-testid="policy-query-template"
            aria-invalid={problem ? true : undefined}
            aria-describedby="policy-query-help"
          />
        </label>
        <label>
          Agency ORI
          <input value={value.ori ?? ''} onChange={(e) => setOri(e.target.value)} spellCheck={false} maxLength={9} placeholder="IL0849900" className="mono" data-testid="policy-ori" />
        </label>
      </div>
      {problem ? (
        <p id="policy-query-help" className="form-error" role="alert" data-testid="policy-query-problem">
          {problem}
        </p>
      ) : (
        <p id="policy-query-help" className="hint">
          Fields: {QUERY_FIELDS.map((f) => `{${f}}`).join(' ')}. A <code>.LIT/{'{PLATE_TYPE}'}</code> style segment is left out when the alert has no value for it. Plate ABC1234 (IL) gives{' '}
          <code data-testid="policy-query-sample">{sample}</code>
        </p>
      )}
    </fieldset>
  );
}
