/**
 * The lookalike groups of docs/protocol.md 1.1 (`ocrEquivalence`): characters an OCR engine
 * confuses, 0/O/D/Q, 1/I/L, 8/B, 5/S, 2/Z, 6/G. Each group maps to one representative, so two
 * plates that differ only within the groups have the same canonical form and one Map lookup finds
 * every lookalike of a read (instead of trying each of up to 4^10 spellings).
 */
const GROUPS = ['0ODQ', '1IL', '8B', '5S', '2Z', '6G'];

/** Char code -> representative char code (0 = keep the character). Plates are A-Z and 0-9 only. */
const REPRESENTATIVE = new Uint8Array(128);
for (const group of GROUPS) {
  const to = group.charCodeAt(0);
  for (let i = 1; i < group.length; i += 1) REPRESENTATIVE[group.charCodeAt(i)] = to;
}

/**
 * The plate's canonical form: every lookalike character replaced by its group's representative.
 * A plate with none to replace is returned as is (no new string: most plates, most reads).
 */
export function lookalikeKey(plate: string): string {
  let i = 0;
  for (; i < plate.length; i += 1) {
    const c = plate.charCodeAt(i);
    if (c < 128 && REPRESENTATIVE[c] !== 0) break;
  }
  if (i === plate.length) return plate;
  let out = plate.slice(0, i);
  for (; i < plate.length; i += 1) {
    const c = plate.charCodeAt(i);
    const r = c < 128 ? REPRESENTATIVE[c]! : 0;
    out += String.fromCharCode(r !== 0 ? r : c);
  }
  return out;
}

/** True when the two plates differ only within the lookalike groups (also when equal). */
export function isLookalike(a: string, b: string): boolean {
  return a.length === b.length && lookalikeKey(a) === lookalikeKey(b);
}
