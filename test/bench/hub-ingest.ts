/**
 * Ingest to screen on one hub: N desks on real sockets in a separate process (so the hub's own
 * costs are what is measured), simulated hits posted over HTTP one at a time; prints ingest
 * throughput and the time from POST to the last desk's receipt of each alert.
 * Run: node --import tsx test/bench/hub-ingest.ts [desks=200] [hits=300]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { generateHit, seededRandom } from '../../src/backend/simulator/hit-generator.js';
import { startHub } from '../../src/backend/server.js';

type Report = { seq: number; at: number };

if (process.argv[2] === '--desks') {
  // Child: connect the desks, answer receipts, report when each desk got each alert.
  const [url, token, count] = [process.argv[3]!, process.argv[4]!, Number(process.argv[5])];
  let ready = 0;
  const pending: Report[] = [];
  setInterval(() => pending.length && process.send!(pending.splice(0)), 50);
  for (let i = 0; i < count; i++) {
    const s = io(`${url}/alerts`, { transports: ['websocket'], auth: { token, clientId: `desk-${i}` }, forceNew: true, reconnection: false });
    s.on('alert', (a: { seq: number }, cb: (x: unknown) => void) => {
      cb({ received: true });
      pending.push({ seq: a.seq, at: Date.now() });
    });
    s.once('hello', () => ++ready === count && process.send!('ready'));
  }
} else {
  const DESKS = Number(process.argv[2] ?? 200);
  const HITS = Number(process.argv[3] ?? 300);
  const hub = await startHub({ port: 0, retentionEveryMs: 0 });
  const key = await hub.admin.addIngestKey('bench');
  await hub.admin.addUser({ username: 'bench1', password: 'Correct-Horse-42', roles: ['trooper'] });
  const login = (await (await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench1', password: 'Correct-Horse-42' }),
  })).json()) as { accessToken: string };
  const child = fork(fileURLToPath(import.meta.url), ['--desks', hub.url, login.accessToken, String(DESKS)], { execArgv: ['--import', 'tsx'] });
  const lastSeen = new Map<number, number>();
  const counts = new Map<number, number>();
  await new Promise<void>((resolve) => {
    child.on('message', (m: 'ready' | Report[]) => {
      if (m === 'ready') return resolve();
      for (const r of m) {
        counts.set(r.seq, (counts.get(r.seq) ?? 0) + 1);
        lastSeen.set(r.seq, Math.max(lastSeen.get(r.seq) ?? 0, r.at));
      }
    });
  });
  const rnd = seededRandom(11);
  const hits = Array.from({ length: HITS }, (_, i) => generateHit(rnd, new Date(), i, i % 10 === 0));
  const postedAt = new Map<number, number>();
  const t0 = performance.now();
  for (const hit of hits) {
    const sent = Date.now();
    const res = await fetch(`${hub.url}/api/v1/hits`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(hit) });
    postedAt.set(((await res.json()) as { seq: number }).seq, sent);
  }
  const ingestMs = performance.now() - t0;
  const deadline = Date.now() + 120_000;
  while ([...postedAt.keys()].some((s) => (counts.get(s) ?? 0) < DESKS) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const lat = [...postedAt].map(([seq, at]) => (lastSeen.get(seq) ?? Infinity) - at).sort((a, b) => a - b);
  const pct = (p: number): string => String(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] ?? NaN);
  const delivered = [...counts.values()].reduce((a, b) => a + b, 0);
  child.kill();
  await hub.close();
  console.log(`${HITS} hits to ${DESKS} desks (desks in another process): ingest ${(HITS / (ingestMs / 1000)).toFixed(0)} hits/s sequential; deliveries ${delivered}/${HITS * DESKS}`);
  console.log(`POST to last desk: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`);
}
