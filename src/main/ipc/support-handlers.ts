/**
 * `support:bundle` (src/shared/ipc-support.ts): the desk describes itself for the coordinator's
 * support request, without CJI (services/support-bundle.ts says what goes in and what never does).
 */
import { readFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import type { ClientServices } from '../client-app.js';
import { logFiles } from '../adapters/rotating-file-log.js';
import { buildSupportBundle } from '../services/support-bundle.js';
import type { IpcHandlers } from './router.js';

export function supportHandlers(core: ClientServices): Pick<IpcHandlers, 'support:bundle'> {
  return {
    'support:bundle': async () => {
      const desk = core.desks.current();
      const recent = desk?.inbox.list() ?? [];
      const user = core.session.currentUser();
      const forbidden = [
        ...recent.flatMap((s) => [s.alert.hit.plate, s.alert.hit.hotlist.plate]),
        ...(user ? [user.username, user.displayName] : []),
      ];
      const outbox = desk?.outbox.counts() ?? { unsent: 0, refused: 0 };
      return buildSupportBundle({
        now: new Date(core.ports.clock.now()),
        versions: {
          ...core.versions,
          node: process.versions.node,
          ...(process.versions.electron ? { electron: process.versions.electron, chrome: process.versions.chrome ?? '' } : {}),
          os: `${platform()} ${release()} ${arch()}`,
        },
        settings: core.settings.current(),
        history: core.history.list(),
        logLines: await readLogLines(core.logDir),
        counts: desk ? { alertsInMemory: recent.length, olderAlerts: desk.inbox.olderStart() ?? 0, unsentAcks: outbox.unsent, refusedAcks: outbox.refused } : null,
        forbidden,
      });
    },
  };
}

async function readLogLines(dir: string): Promise<string[]> {
  const lines: string[] = [];
  for (const file of logFiles(dir)) {
    const text = await readFile(file, 'utf8').catch(() => '');
    lines.push(...text.split('\n').filter(Boolean));
  }
  return lines;
}
