/**
 * `npm run bench -- NAME`: runs test/bench/NAME.ts, which prints its result as its last line.
 * Adding a benchmark: write test/bench/NAME.ts and add NAME to BENCHES.
 */
export {}; // a module, for the top-level await

const BENCHES = ['filter', 'delivery', 'storm', 'hub-login', 'review-report', 'review-log', 'zones-ui', 'log', 'ui-burst', 'match', 'memory', 'read-search', 'hotlist-replace'] as const;

const name = process.argv[2];
if (!name || !(BENCHES as readonly string[]).includes(name)) {
  console.error(`usage: npm run bench -- NAME   (NAME: ${BENCHES.join(', ')})`);
  process.exit(2);
}
await import(`./${name}.ts`);
