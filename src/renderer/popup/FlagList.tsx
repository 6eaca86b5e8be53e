/** The automatic verification flags, most serious first, plus "previously closed as misread". */
import type { VerificationFlag } from '../../shared/flags.js';

export function FlagList({ flags, previouslyMisread }: { flags: VerificationFlag[]; previouslyMisread: boolean }): React.JSX.Element | null {
  if (flags.length === 0 && !previouslyMisread) return null;
  const order = { critical: 0, warning: 1, info: 2 } as const;
  const sorted = [...flags].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="flags" aria-label="Verification warnings">
      {previouslyMisread && (
        <li className="flag flag-critical" data-flag="previously_misread">
          <strong>CHECK:</strong> this plate was closed as a misread before
        </li>
      )}
      {sorted.map((f) => (
        <li key={f.code} className={`flag flag-${f.severity}`} data-flag={f.code}>
          <strong>{f.severity === 'critical' ? 'CHECK:' : 'NOTE:'}</strong> {f.text}
        </li>
      ))}
    </ul>
  );
}
