/**
 * `node --import tsx scripts/seed-review.ts --data DIR [--entries N] [--seed S] [--from ISO] [--days D]`
 * Seeds a hub data folder with the supervisor's review history (test/bench/support/review-seed.ts):
 * 100,000 log entries across 50 users and 3 units over two months by default, made through the
 * hub's HTTP API and socket by a hub started here on a manual clock (the only way to give entries
 * past times). Prints progress, then the supervisor's sign-in; serve the folder afterwards with
 * `npm run hub -- serve --data DIR`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startHub } from '../src/backend/server.js';
import { ManualClock, seedReview } from '../test/bench/support/review-seed.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    entries: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '20261130' },
    from: { type: 'string', default: '2026-09-01T00:00:00.000Z' },
    days: { type: 'string', default: '61' },
  },
});
const entries = Number(values.entries);
if (!values.data || !Number.isInteger(entries) || entries < 1 || Number.isNaN(Date.parse(values.from))) {
  console.error('usage: seed-review.ts --data DIR [--entries N] [--seed S] [--from ISO] [--days D]');
  process.exit(2);
}
if (existsSync(values.data) && readdirSync(values.data).length > 0) {
  console.error(`seed-review: ${values.data} is not empty; seed into a new folder`);
  process.exit(2);
}
const clock = new ManualClock(Date.parse(values.from) - 86_400_000);
const hub = await startHub({ dataDir: values.data, clock, escalationEveryMs: 0, retentionEveryMs: 0, onError: (err) => console.error('[hub]', err) });
const began = Date.now();
try {
  const summary = await seedReview({ hub, clock, seed: Number(values.seed), entries, from: values.from, days: Number(values.days), progress: (line) => console.log(line) });
  console.log(`seeded ${summary.entries} log entries, ${summary.alerts} alerts, ${summary.escalations} escalations, ${summary.users} users, ${summary.from} .. ${summary.until} in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  console.log(`supervisor: ${summary.supervisor.username} / ${summary.supervisor.password}`);
} finally {
  await hub.close();
}
