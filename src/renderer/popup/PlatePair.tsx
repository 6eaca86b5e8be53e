/**
 * The read plate and the hot-list plate side by side, large, character by character. A character
 * that differs is boxed and underlined (not colour alone); a lookalike pair (0/O, 8/B...) is marked
 * with "≈" so the trooper knows to look at the image.
 */
import { plateDiff, type PlateChar } from '../../shared/flags.js';

/**
 * At 3 a.m. "0" and "O" look alike in most fonts: where the plates differ, each lookalike
 * character is also named under it, and every zero is drawn slashed (the bold plate font ignores
 * `slashed-zero`), as on NCIC printouts, so the plate is typed into LEADS right.
 */
const CHAR_NAMES: Record<string, string> = {
  '0': 'zero',
  O: 'letter O',
  '8': 'eight',
  B: 'letter B',
  '1': 'one',
  I: 'letter I',
  '5': 'five',
  S: 'letter S',
  '2': 'two',
  Z: 'letter Z',
};

function Plate({ chars, side, state, label, stateBad }: { chars: PlateChar[]; side: 'read' | 'listed'; state: string; label: string; stateBad: boolean }): React.JSX.Element {
  const text = chars.map((c) => c[side] ?? '').join('');
  return (
    <figure className="plate-card" data-testid={`plate-${side}`}>
      <figcaption aria-hidden="true">{label}</figcaption>
      <span className="sr-only">{`${label}: ${text.split('').join(' ')}, state ${state}.`}</span>
      <div className="plate" aria-hidden="true">
        {chars.map((c) => (
          <span key={c.index} className={`pc pc-${c.match}${c[side] === '0' ? ' pc-zero' : ''}`} title={c.match === 'same' ? undefined : c.match === 'lookalike' ? 'lookalike character' : 'differs'}>
            {c[side] ?? '·'}
            {c.match !== 'same' && c[side] !== undefined && CHAR_NAMES[c[side]] && <small className="pc-name">{CHAR_NAMES[c[side]]}</small>}
          </span>
        ))}
      </div>
      <div className={`plate-state ${stateBad ? 'state-bad' : ''}`} aria-hidden="true">
        {state}
      </div>
    </figure>
  );
}

export function PlatePair({ read, readState, listed, listedState }: { read: string; readState: string; listed: string; listedState: string }): React.JSX.Element {
  const chars = plateDiff(read, listed);
  const differs = chars.filter((c) => c.match !== 'same');
  const stateDiffers = readState !== listedState || readState === 'UNK';
  return (
    <div className="plate-pair">
      <Plate chars={chars} side="read" state={readState} label="READ BY CAMERA" stateBad={stateDiffers} />
      <div className={`plate-vs ${differs.length || stateDiffers ? 'plate-vs-bad' : ''}`} aria-live="polite">
        {differs.length === 0 && !stateDiffers ? '=' : '≠'}
      </div>
      <Plate chars={chars} side="listed" state={listedState} label="HOT LIST ENTRY" stateBad={stateDiffers} />
    </div>
  );
}
