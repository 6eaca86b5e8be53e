// The chain check's fast rule for an entry's link, in plain JavaScript so that both the check in process
// (./chain-stretch.ts) and the SQLite check's worker threads (../store/sqlite/chain-worker.mjs, which run
// without tsx's loader) use this one copy. Types: ./chain-link.d.mts.

const PREV_KEY = '"prevHash":"';
const SEQ_KEY = '","seq":';

/**
 * Whether the writer's bytes hold `"prevHash":"<prev>","seq":<seq>,` at the first `"prevHash":"`:
 * compared in place, without building that text for every entry (a million of them in a check of a
 * long log).
 * @param {string} body @param {string} prev @param {number} seq @returns {boolean}
 */
export function linkHolds(body, prev, seq) {
  const at = body.indexOf(PREV_KEY);
  if (at < 0 || !body.startsWith(prev, at + PREV_KEY.length) || !body.startsWith(SEQ_KEY, at + PREV_KEY.length + prev.length)) return false;
  const digits = at + PREV_KEY.length + prev.length + SEQ_KEY.length;
  let i = digits;
  let n = 0;
  for (let c = body.charCodeAt(i); c >= 48 && c <= 57; c = body.charCodeAt(++i)) n = n * 10 + (c - 48);
  return i > digits && n === seq && body.charCodeAt(i) === 44; // 44: ','
}
