/**
 * Sign-in timing: an unknown username must cost about what a wrong password costs, or response
 * time tells an attacker which usernames exist. Prints the median of each and their ratio.
 * Run: node --import tsx test/bench/hub-login.ts
 */
import { startHub } from '../../src/backend/server.js';

const ROUNDS = 40;

const hub = await startHub({ port: 0, retentionEveryMs: 0 });
for (let i = 0; i < ROUNDS; i++) {
  await hub.admin.addUser({ username: `real${i}`, password: 'Correct-Horse-42', roles: ['trooper'] });
}

async function timeLogin(username: string, password: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  await res.text();
  return performance.now() - t0;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const wrong: number[] = [];
const unknown: number[] = [];
const right: number[] = [];
// Interleaved, and each account is tried at most 3 times so no lockout changes the path taken.
for (let i = 0; i < ROUNDS; i++) {
  wrong.push(await timeLogin(`real${i}`, 'Wrong-Password-1'));
  unknown.push(await timeLogin(`ghost${i}`, 'Wrong-Password-1'));
  right.push(await timeLogin(`real${i}`, 'Correct-Horse-42'));
}
await hub.close();
const w = median(wrong);
const u = median(unknown);
console.log(`login medians over ${ROUNDS}: wrong password ${w.toFixed(1)} ms, unknown user ${u.toFixed(1)} ms, right password ${median(right).toFixed(1)} ms`);
console.log(`unknown/wrong ratio: ${(u / w).toFixed(2)}`);
