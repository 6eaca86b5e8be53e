/**
 * One Policy field checked as it is typed: the input, and under it either what is wrong (read out
 * at once, `role="alert"`) or the hint. The check is the caller's (the hub's own rule), so the form
 * says what is wrong before the hub has to.
 */
export function CheckedPolicyField(props: {
  legend: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  /** The input's test id, also the stem of the problem's and the hint's element ids. */
  id: string;
  problem: string | undefined;
  hint: string;
}): React.JSX.Element {
  const { problem, id } = props;
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      <label>
        {props.label}
        <input
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          placeholder={props.placeholder}
          spellCheck={false}
          data-testid={id}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : `${id}-hint`}
        />
      </label>
      {problem ? (
        <p id={`${id}-problem`} className="form-error" role="alert">
          {problem}
        </p>
      ) : (
        <p id={`${id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
    </fieldset>
  );
}
