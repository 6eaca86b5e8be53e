/**
 * Ingest to screen on one hub: N desks connected over real sockets, simulated hits posted over
 * HTTP; prints ingest throughput and the time from POST to the last desk's receipt of each alert.
 * Run: node --import tsx test/bench/hub-ingest.ts [desks=200] [hits=500]
 */
import { io } from 'socket.io-client';
import { generateHit, seededRandom } from '../../src/backend/simulator/hit-generator.js';
import { startHub } from '../../src/backend/server.js';

const DESKS = Number(process.argv[2] ?? 200);
const HITS = Number(process.argv[3] ?? 500);

const hub = await startHub({ port: 0, retentionEveryMs: 0 });
const key = await hub.admin.addIngestKey('bench');
await hub.admin.addUser({ username: 'bench1', password: 'Correct-Horse-42', roles: ['trooper'] });
const login = (await (await fetch(`${hub.url}/api/v1/session`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench1', password: 'Correct-Horse-42' }),
})).json()) as { accessToken: string };

const postedAt = new Map<number, number>();
const lastSeen = new Map<number, number>();
const counts = new Map<number, number>();
const sockets = await Promise.all(
  Array.from({ length: DESKS }, (_, i) => new Promise<ReturnType<typeof io>>((resolve, reject) => {
    const s = io(`${hub.url}/alerts`, { transports: ['websocket'], auth: { token: login.accessToken, clientId: `desk-${i}` }, forceNew: true, reconnection: false });
    s.on('alert', (a: { seq: number }, cb: (x: unknown) => void) => {
      cb({ received: true });
      counts.set(a.seq, (counts.get(a.seq) ?? 0) + 1);
      lastSeen.set(a.seq, performance.now());
    });
    s.once('hello', () => resolve(s));
    s.once('connect_error', reject);
  })),
);

const rnd = seededRandom(11);
const t0 = performance.now();
for (let i = 0; i < HITS; i++) {
  const sent = performance.now();
  const res = await fetch(`${hub.url}/api/v1/hits`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(generateHit(rnd, new Date(), i, i % 10 === 0)),
  });
  const { seq } = (await res.json()) as { seq: number };
  postedAt.set(seq, sent);
}
const ingestMs = performance.now() - t0;
const deadline = Date.now() + 60_000;
while ([...postedAt.keys()].some((s) => (counts.get(s) ?? 0) < DESKS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const lat = [...postedAt].map(([seq, at]) => (lastSeen.get(seq) ?? Infinity) - at).sort((a, b) => a - b);
const pct = (p: number): string => (lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? NaN).toFixed(1);
const delivered = [...counts.values()].reduce((a, b) => a + b, 0);
for (const s of sockets) s.close();
await hub.close();
console.log(`${HITS} hits to ${DESKS} desks: ingest ${(HITS / (ingestMs / 1000)).toFixed(0)} hits/s sequential; deliveries ${delivered}/${HITS * DESKS}`);
console.log(`POST to last desk: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);
