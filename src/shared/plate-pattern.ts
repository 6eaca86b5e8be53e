/**
 * A plate as searched (docs/protocol.md 1.1 `GET /reads?plate`): letters and digits, `?` for one
 * unknown character and `*` for any run of them, so a partly read plate can be looked up. One
 * reading of the pattern for the hub's stores (an index range from its literal prefix, then a
 * GLOB or LIKE filter), the search form's check as typed, and the tests' oracle.
 */

/** Plates are A-Z and 0-9; sorted this way in SQLite (BINARY) and in Postgres whatever its collation. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A search must name at least this many known characters: `*` or `??` alone would read out every
 * plate of the range, which is a bulk extract, not a search for a partly read plate.
 */
export const MIN_KNOWN_CHARACTERS = 2;
export const MAX_PATTERN_LENGTH = 20;

export interface PlatePattern {
  /** The pattern as stored in the search record: upper case, no spaces or dashes. */
  text: string;
  /** Set when the pattern has no wildcard: the plate itself. */
  exact?: string;
  /** The literal characters before the first wildcard ('' when it starts with one). */
  prefix: string;
  /** The first plate after every plate starting with `prefix` (undefined: no upper bound). */
  prefixEnd?: string;
  /** SQLite GLOB form (`?` and `*` as they are). */
  glob: string;
  /** SQL LIKE form (`_` and `%`); plates hold no LIKE metacharacters, so nothing needs escaping. */
  like: string;
}

/** Upper case, spaces and dashes dropped, as a trooper types a plate ("kp 44-?"). */
export const normalizePattern = (raw: string): string => raw.toUpperCase().replace(/[\s-]/g, '');

/** Why a pattern cannot be searched, in words for the form; undefined when it can. */
export function platePatternProblem(raw: string): string | undefined {
  const text = normalizePattern(raw);
  if (text.length === 0) return 'enter a plate or part of one';
  if (text.length > MAX_PATTERN_LENGTH) return `at most ${MAX_PATTERN_LENGTH} characters`;
  if (!/^[A-Z0-9?*]+$/.test(text)) return 'letters, digits, ? (one character) and * (any run) only';
  if (text.replace(/[?*]/g, '').length < MIN_KNOWN_CHARACTERS) return `name at least ${MIN_KNOWN_CHARACTERS} known characters`;
  // A plate has at most 10 characters: more known ones or `?` can match nothing.
  if (text.replace(/\*/g, '').length > 10) return 'a plate has at most 10 characters';
  return undefined;
}

/** The next prefix in plate order: 'AB' -> 'AC', 'AZ' -> 'B', 'ZZ' -> undefined (no bound). */
function nextPrefix(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(prefix[i]!);
    if (at < ALPHABET.length - 1) return prefix.slice(0, i) + ALPHABET[at + 1];
  }
  return undefined;
}

/** Reads a valid pattern (see `platePatternProblem`); throws RangeError on one that is not. */
export function parsePlatePattern(raw: string): PlatePattern {
  const problem = platePatternProblem(raw);
  if (problem) throw new RangeError(`plate pattern: ${problem}`);
  // Runs of `*` mean what one does.
  const text = normalizePattern(raw).replace(/\*+/g, '*');
  const wild = text.search(/[?*]/);
  const prefix = wild < 0 ? text : text.slice(0, wild);
  const end = prefix === '' ? undefined : nextPrefix(prefix);
  return {
    text,
    ...(wild < 0 ? { exact: text } : {}),
    prefix,
    ...(end !== undefined ? { prefixEnd: end } : {}),
    glob: text,
    like: text.replace(/\?/g, '_').replace(/\*/g, '%'),
  };
}

/** Does `plate` fit the pattern? (The search's meaning, written plainly: the tests' oracle.) */
export function plateFits(pattern: PlatePattern, plate: string): boolean {
  const re = new RegExp(`^${pattern.text.replace(/\?/g, '.').replace(/\*/g, '.*')}$`);
  return re.test(plate);
}
