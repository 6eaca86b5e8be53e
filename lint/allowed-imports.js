// What each folder of src/ may import: folders ('x/**' = x and everything under it) and packages
// ('node:' = Node's built-ins). A folder without an entry imports nothing outside itself, so a new
// folder starts with nothing allowed. The rule is lint/allowed-imports-rule.js; the reasons are in
// docs/architecture.md ("The rules lint enforces, and why").
const SHARED = 'src/shared/**';

/** The hub's own folders a hub module may lean on (never the HTTP or socket edges). */
const HUB_CORE = ['src/backend', 'src/backend/acks', 'src/backend/alerts', 'src/backend/audit', 'src/backend/auth', 'src/backend/metrics', 'src/backend/store'];

const RENDERER = 'src/renderer/**';
const BROWSER_MAP = ['react', 'maplibre-gl', 'geojson'];

export const allowedImports = {
  // src/shared is pure: the protocol, the rules both sides apply; no runtime, no other layer.
  'src/shared': { why: 'pure: zod and itself', folders: [SHARED], packages: ['zod'] },
  'src/shared/ack': { why: 'pure: the protocol', folders: [SHARED], packages: [] },
  'src/shared/geo': { why: 'pure geometry with a spatial index', folders: [], packages: ['flatbush'] },
  'src/shared/leads': { why: 'pure: zod', folders: [], packages: ['zod'] },
  'src/shared/protocol': { why: 'pure: the wire schemas', folders: [SHARED], packages: ['zod'] },

  // The hub.
  'src/backend': { why: 'the hub: its parts, the stores, the servers', folders: ['src/backend/**', SHARED], packages: ['node:', 'better-sqlite3', 'pg', 'redis', 'socket.io'] },
  'src/backend/acks': { why: 'hub logic over the store port', folders: [...HUB_CORE, SHARED], packages: [] },
  'src/backend/alerts': { why: 'hub logic over the store port', folders: [...HUB_CORE, SHARED], packages: [] },
  'src/backend/audit': { why: 'the hash chain over the store port', folders: ['src/backend', 'src/backend/store', SHARED], packages: ['node:'] },
  'src/backend/auth': { why: 'accounts and tokens over the store port', folders: [...HUB_CORE, SHARED], packages: ['node:', 'jose', 'otplib'] },
  'src/backend/evidence': { why: 'packaging only: it is handed what it packs', folders: [SHARED], packages: ['node:'] },
  'src/backend/http': { why: 'the HTTP edge', folders: [...HUB_CORE, 'src/backend/http/routes', SHARED], packages: ['fastify', '@fastify/rate-limit', 'zod'] },
  'src/backend/http/openapi': { why: 'the OpenAPI document of the HTTP edge, from the schemas its routes parse with', folders: ['src/backend/http', 'src/backend/http/routes', 'src/backend/alerts', SHARED], packages: ['zod'] },
  'src/backend/http/routes': { why: 'the HTTP edge: parse, call the hub logic, answer', folders: [...HUB_CORE, 'src/backend/http', 'src/backend/http/openapi', 'src/backend/evidence', 'src/backend/review', 'src/backend/matcher', 'src/backend/reads', 'src/backend/routing', SHARED], packages: ['fastify', 'zod', 'node:'] },
  'src/backend/matcher': { why: 'matching reads to hot lists, over the store port (zod: a list body is checked on a worker thread)', folders: [...HUB_CORE, SHARED], packages: ['node:', 'zod'] },
  'src/backend/reads': { why: 'searches of the stored reads, over the store port', folders: [...HUB_CORE, SHARED], packages: [] },
  'src/backend/metrics': { why: 'Prometheus metrics behind a port', folders: [SHARED], packages: ['prom-client'] },
  'src/backend/routing': { why: 'zone and policy changes over the store port, told on the event bus', folders: [...HUB_CORE, SHARED], packages: [] },
  'src/backend/retention': { why: 'purging over the store port', folders: [...HUB_CORE, SHARED], packages: [] },
  'src/backend/review': { why: 'reports over the store port', folders: [...HUB_CORE], packages: ['pdf-lib'] },
  'src/backend/simulator': { why: 'made-up hits posted like an adapter', folders: ['src/backend', SHARED], packages: ['node:'] },
  'src/backend/store': { why: 'the store port and the choice of store', folders: ['src/backend/store/**', 'src/backend/audit', SHARED], packages: ['node:', 'better-sqlite3', 'pg'] },
  'src/backend/store/postgres': { why: 'the Postgres store', folders: ['src/backend/store', 'src/backend/audit', SHARED], packages: ['pg'] },
  'src/backend/store/sqlite': { why: 'the SQLite store', folders: ['src/backend/store', 'src/backend/audit', 'src/backend/auth', SHARED], packages: ['better-sqlite3', 'node:'] },
  'src/backend/stream': { why: 'the Socket.IO edge', folders: [...HUB_CORE, SHARED], packages: ['socket.io', 'socket.io-parser'] },
  'src/backend/stream/scale-out': { why: 'Socket.IO across hubs over Redis', folders: [...HUB_CORE, 'src/backend/stream'], packages: ['socket.io', '@socket.io/redis-adapter', 'redis'] },

  // Vendor adapters: small programs that post to the hub's public API like any vendor would.
  'src/adapters': { why: 'an adapter speaks to the hub only over HTTP', folders: [SHARED], packages: ['node:'] },
  'src/adapters/flock': { why: 'the Flock webhook adapter', folders: ['src/adapters', SHARED], packages: ['node:', 'zod'] },
  'src/adapters/import': { why: 'the hit file import', folders: ['src/adapters', SHARED], packages: ['node:'] },

  // The desk's main process: services (logic behind ports), adapters (Node), platform (Electron), IPC, wiring.
  'src/main': { why: 'the wiring', folders: ['src/main/**', SHARED], packages: ['node:', 'electron'] },
  'src/main/services': { why: 'logic behind ports: never the adapters, IPC or wiring', folders: [SHARED], packages: ['node:', 'zod'] },
  'src/main/adapters': { why: 'Node implementations of the services\' ports (socket.io-client only here)', folders: ['src/main/services', SHARED], packages: ['node:', 'zod', 'socket.io-client'] },
  'src/main/ipc': { why: 'the IPC handlers: requests to services', folders: ['src/main', 'src/main/adapters', 'src/main/services', SHARED], packages: ['node:', 'zod', 'qrcode'] },
  'src/main/platform': { why: 'Electron adapters', folders: ['src/main/ipc', 'src/main/services', SHARED], packages: ['node:', 'electron', 'electron-store', 'electron-updater', 'keytar'] },
  'src/preload': { why: 'the bridge: electron and the IPC contract', folders: [SHARED], packages: ['electron'] },

  // The browser host carries the IPC contract over a WebSocket (and runs the embedded demo hub).
  'src/webhost': { why: 'the desk without Electron', folders: ['src/backend', 'src/main', 'src/main/adapters', 'src/main/ipc', 'src/main/services', SHARED], packages: ['node:', 'ws'] },
  'src/webhost/public': { why: 'static files', folders: [], packages: [] },

  // The renderer: the screens. Only src/shared and browser packages; the world only through window.tas.
  'src/renderer': { why: 'screens: src/shared and browser packages', folders: [RENDERER, SHARED], packages: ['react', 'react-dom'] },
  'src/renderer/admin': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/admin/model': { why: 'screen logic without React', folders: [SHARED], packages: [] },
  'src/renderer/console': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react', 'zod'] },
  'src/renderer/history': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/local-list': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/hotlists': { why: 'hot-list freshness: the strip and the popup line', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/reads': { why: 'read search: a screen with its map', folders: [RENDERER, SHARED], packages: BROWSER_MAP },
  'src/renderer/map': { why: 'the map', folders: [RENDERER, SHARED], packages: [...BROWSER_MAP, 'pmtiles', 'topojson-client', 'topojson-specification', 'us-atlas'] },
  'src/renderer/model': { why: 'screen logic without React', folders: [SHARED], packages: [] },
  'src/renderer/popup': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/review': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react', '@tanstack/react-virtual', 'uplot'] },
  'src/renderer/router': { why: 'screens', folders: [], packages: ['react'] },
  'src/renderer/session': { why: 'screens', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/sound': { why: 'the alarm and its sounds', folders: ['src/renderer/model', 'assets/sounds'], packages: ['react'] },
  'src/renderer/speech': { why: 'spoken alerts', folders: [SHARED], packages: ['react'] },
  'src/renderer/state': { why: 'screen state', folders: [RENDERER, SHARED], packages: ['react'] },
  'src/renderer/styles': { why: 'style sheets', folders: [], packages: [] },
  'src/renderer/troop': { why: 'screens', folders: [RENDERER, SHARED], packages: [...BROWSER_MAP] },
  'src/renderer/zones': { why: 'screens', folders: [RENDERER, SHARED], packages: [...BROWSER_MAP, 'terra-draw', 'terra-draw-maplibre-gl-adapter'] },
  'src/renderer/zones/model': { why: 'zone geometry without React', folders: [SHARED], packages: ['geojson', 'polyclip-ts'] },
};
