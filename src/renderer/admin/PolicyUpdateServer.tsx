/**
 * The Policy screen's desk update server (the hub's `updateFeedUrl`, issue 14): the agency's own https
 * server the desk app updates from. Checked as typed with the hub's own rule (the Policy schema), so
 * the form says what is wrong before the hub has to; empty means desks never look for updates.
 */
import { Policy } from '../../shared/protocol/index.js';
import { CheckedPolicyField } from './CheckedPolicyField.js';

/** The words for what is wrong with `value`, or undefined when the hub will take it (or it is empty). */
export function updateServerProblem(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  if (!/^https:\/\//i.test(value.trim()))
    return 'Desk update server: give an https:// address (desks refuse any other).';
  return Policy.shape.updateFeedUrl.safeParse(value.trim()).success
    ? undefined
    : 'Desk update server: this is not a valid address.';
}

export function PolicyUpdateServer({ value, onChange }: { value: string; onChange: (value: string) => void }): React.JSX.Element {
  return (
    <CheckedPolicyField
      legend="Desk updates"
      label="Update server for the desk app (the agency's own https server with latest.yml and the installers)"
      value={value}
      onChange={onChange}
      placeholder="https://updates.example.gov/opentas/"
      id="policy-update-server"
      problem={updateServerProblem(value)}
      hint="Empty: desks never look for updates. An update waits while an alert is open or unverified; Windows desks install only installers signed by the agency."
    />
  );
}
