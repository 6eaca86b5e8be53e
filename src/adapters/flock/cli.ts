/**
 * `npm run adapter:flock -- --hub URL --ingest-key-file F --secret-file F --port N [--host H]
 * [--spool DIR] [--signature-header NAME] [--category-map FILE] [--images on|off] [--restricted hold|forward]`: runs the Flock webhook adapter.
 * Prints `listening on http://HOST:PORT` once ready; bad arguments: one line and exit 2.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readSecretFile } from '../hub-ingest.js';
import { categoryMapFrom } from './flock-alert.js';
import { startFlockAdapter, WEBHOOK_PATH } from './webhook-server.js';

class UsageError extends Error {}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        hub: { type: 'string' },
        'ingest-key-file': { type: 'string' },
        'secret-file': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        spool: { type: 'string' },
        'signature-header': { type: 'string' },
        'category-map': { type: 'string' },
        images: { type: 'string' },
        restricted: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const hub = values.hub;
  if (!hub || !/^https?:\/\//.test(hub)) throw new UsageError('--hub must be the hub\'s http(s):// URL');
  if (!values['ingest-key-file']) throw new UsageError('--ingest-key-file is required (a file holding the ingest key)');
  if (!values['secret-file']) throw new UsageError('--secret-file is required (a file holding the webhook secret)');
  const port = Number(values.port);
  if (values.port === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number (0 picks a free one)');
  if (values.images !== undefined && values.images !== 'on' && values.images !== 'off') throw new UsageError('--images must be on or off');
  const restricted = values.restricted;
  if (restricted !== undefined && restricted !== 'hold' && restricted !== 'forward') throw new UsageError('--restricted must be hold or forward');
  let ingestKey: string;
  let secret: string;
  let categories;
  try {
    ingestKey = readSecretFile(values['ingest-key-file'], 'ingest key');
    secret = readSecretFile(values['secret-file'], 'webhook secret');
    categories = values['category-map'] ? categoryMapFrom(JSON.parse(readFileSync(values['category-map'], 'utf8'))) : undefined;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const adapter = await startFlockAdapter({
    hubUrl: hub,
    ingestKey,
    secret,
    port,
    spoolDir: values.spool ?? 'flock-spool',
    ...(values.host ? { host: values.host } : {}),
    ...(values['signature-header'] ? { signatureHeader: values['signature-header'] } : {}),
    ...(categories ? { categories } : {}),
    fetchImages: values.images !== 'off',
    ...(restricted ? { restricted } : {}),
  });
  console.log(`listening on ${adapter.url}`);
  console.error(`[flock adapter] webhook: POST ${adapter.url}${WEBHOOK_PATH}; spool ${adapter.spool.dir} (${adapter.spool.count()} waiting)`);
  const stop = (): void => void adapter.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`adapter:flock: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
