/**
 * A fleet worker: a child process (forked by fleet.ts) that runs a share of the benchmark's desks
 * and reports, per alert, when each of its desks showed it. Run with `node --import tsx`.
 */
import type { Logger } from '../../../src/main/services/ports.js';
import { openBareDesk, openInboxDesk, openLinkDesk, type Desk } from './desks.js';
import { wallNow, type DriverMessage, type WorkerMessage, type WorkerStart } from './fleet-protocol.js';
import type { DeskCounts } from './memory-desk.js';
import { ReceiptTally } from './receipt-tally.js';

const SETUP_GROUP = 50;

const send = (message: WorkerMessage): void => void process.send?.(message);

const logged: Record<string, number> = {};
/** Keeps only a count per message: thousands of desks logging lines would measure the terminal. */
const countingLogger: Logger = {
  info: () => {},
  warn: (message) => void (logged[message] = (logged[message] ?? 0) + 1),
  error: (message) => void (logged[message] = (logged[message] ?? 0) + 1),
};

const counts: DeskCounts = { redelivered: 0, hiddenByFilter: 0, connectAttempts: 0 };
let desks: Desk[] = [];
/** When each desk's link last said hello. */
const connectedAt = new Map<number, number>();
let tally: ReceiptTally | undefined;

async function start(message: WorkerStart): Promise<void> {
  tally = new ReceiptTally(message.desks.map((d) => d.index), (done) => send({ t: 'done', ...done }));
  const record = (index: number) => (alertId: string) => tally?.shownAt(index, alertId, wallNow());
  const deadline = Date.now() + 120_000;
  const allConnected = async (): Promise<void> => {
    while (desks.some((d) => !d.connected())) {
      if (Date.now() > deadline) throw new Error(`only ${desks.filter((d) => d.connected()).length} of ${desks.length} desks connected`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  // Set-up connects desks a group at a time (the next group once this one is in), so the first
  // connection is not itself a storm of handshakes timing out on a loaded machine.
  for (const [i, spec] of message.desks.entries()) {
    if (message.mode === 'bare') desks.push(openBareDesk(message, spec, record(spec.index)));
    else if (message.mode === 'link') desks.push(openLinkDesk(message, spec, record(spec.index), counts, countingLogger, (at) => connectedAt.set(spec.index, at)));
    else desks.push(await openInboxDesk(message, spec, record(spec.index), countingLogger));
    if ((i + 1) % SETUP_GROUP === 0) await allConnected();
  }
  await allConnected();
  send({ t: 'ready', desks: desks.length });
}

process.on('message', (message: DriverMessage) => {
  switch (message.t) {
    case 'start':
      start(message).catch((err: Error) => send({ t: 'failed', message: err.stack ?? err.message }));
      break;
    case 'expect':
      tally?.expect(message.alertId, message.desks);
      break;
    case 'report':
      send({
        t: 'report',
        shown: tally?.shown ?? 0,
        duplicatesShown: tally?.duplicatesShown ?? 0,
        redelivered: counts.redelivered,
        hiddenByFilter: counts.hiddenByFilter,
        connectAttempts: counts.connectAttempts,
        missing: [...(tally?.missing().values() ?? [])].reduce((n, left) => n + left.length, 0),
        unexpected: tally?.unexpected ?? 0,
        connected: desks.filter((d) => d.connected()).length,
        logged,
        connectedAt: [...connectedAt.values()],
      });
      break;
    case 'stop':
      void Promise.all(desks.map((d) => d.stop())).finally(() => {
        desks = [];
        process.exit(0);
      });
      break;
  }
});
