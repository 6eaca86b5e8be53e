/**
 * The Policy screen's street map: the one PMTiles archive every desk draws under its alerts and
 * zones (a desk may still set its own in Settings). Checked as typed with the rule the hub applies
 * (src/shared/protocol/base-map.ts), so the form says what is wrong before the hub has to; empty
 * means no agency map (desks draw county outlines).
 */
import { parseBaseMapLocation } from '../../shared/protocol/base-map.js';
import { CheckedPolicyField } from './CheckedPolicyField.js';

/** The words for what is wrong with `value`, or undefined when the hub will take it (or it is empty). */
export function streetMapProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const parsed = parseBaseMapLocation(value);
  return 'error' in parsed ? `Street map: ${parsed.error}.` : undefined;
}

export function PolicyStreetMap({ value, onChange }: { value: string; onChange: (value: string) => void }): React.JSX.Element {
  return (
    <CheckedPolicyField
      legend="Street map"
      label="Agency street map for every desk (a .pmtiles file path every desk can open, or an https URL)"
      value={value}
      onChange={onChange}
      placeholder={'\\\\maps-server\\share\\illinois.pmtiles'}
      id="policy-street-map"
      problem={streetMapProblem(value)}
      hint="Empty: maps show state and county outlines. A desk's own street map (Settings) overrides this one."
    />
  );
}
