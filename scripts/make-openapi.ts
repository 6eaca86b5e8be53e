/**
 * Builds docs/openapi.json: the hub's HTTP API as an OpenAPI 3.1 document, the same text
 * `GET /api/v1/openapi.json` serves (src/backend/http/openapi/document.ts, from the zod schemas the
 * routes parse with).
 *
 *   npm run openapi          writes docs/openapi.json
 *
 * test/unit/backend/openapi.test.ts rebuilds it and fails when the file differs or the document is
 * not valid OpenAPI 3.1; test/integration/hub-openapi.test.ts fails when the hub registers a route the
 * document does not describe (or the other way round).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApi } from '../src/backend/http/openapi/document.js';
import { HUB_VERSION } from '../src/backend/server.js';

export const OPENAPI_PATH = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

export const renderOpenApiFile = (): string => renderOpenApi(HUB_VERSION);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_PATH, renderOpenApiFile());
  console.log(`wrote ${OPENAPI_PATH}`);
}
