/**
 * `npm run bench -- zones-ui` (issue 8): the dispatcher's Zones workspace under load.
 *
 * 1. Map frame rate: the workspace in Chromium (browser host, real hub) with 1,000 zones, panned
 *    and zoomed by mouse for a fixed number of gestures while requestAnimationFrame counts frames;
 *    the same with no zones, so the ratio says what the zones cost (absolute fps depends on the
 *    GPU: here SwiftShader, software WebGL).
 * 2. Preview: 100,000 alerts of the last 7 days in the hub; the main process reads them (GET
 *    /alerts paged by cursor, as `zones:recentAlerts` does) and the renderer's preview counts them
 *    against a drawn shape with the shared ZoneIndex. Both times are printed.
 *
 * Needs `npm run build:web` first. Seeded: prints its seed; `ZONES_BENCH_SEED=N` replays it.
 * Last line: `zones-ui: zones=1000 fps=… fps_no_zones=… fps_ratio=… alerts=100000 fetch_ms=… preview_ms=…`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHub } from '../../src/backend/server.js';
import { startWebHost } from '../../src/webhost/web-host.js';
import { seededRandom, type Random } from '../../src/shared/seeded-random.js';
import type { Zone } from '../../src/shared/protocol/index.js';
import { HubApi } from '../../src/main/services/hub-api.js';
import { recentAlerts } from '../../src/main/services/hub-zones-api.js';
import { previewOf } from '../../src/renderer/zones/model/preview.js';
import { circleRing } from '../../src/renderer/zones/model/circle.js';

const SEED = Number(process.env.ZONES_BENCH_SEED ?? 20261130);
const ZONES = 1000;
const ALERTS = Number(process.env.ZONES_BENCH_ALERTS ?? 100_000);
const GESTURES = 24;
const PASSWORD = 'Bench-Dispatch-2026';
const IL: [number, number, number, number] = [-91.4, 37.1, -87.6, 42.4];

function blob(random: Random, id: number): Zone {
  const cx = IL[0] + random() * (IL[2] - IL[0]);
  const cy = IL[1] + random() * (IL[3] - IL[1]);
  const r = 0.03 + random() * 0.12;
  const k = 8 + Math.floor(random() * 40);
  const ring: [number, number][] = [];
  for (let i = 0; i < k; i += 1) {
    const a = (2 * Math.PI * i) / k;
    const rr = r * (0.7 + 0.3 * random());
    ring.push([cx + rr * Math.cos(a) * 1.3, cy + rr * Math.sin(a)]);
  }
  ring.push([...ring[0]!]);
  return { id: `bench-${id}`, name: `Bench zone ${id}`, geometry: { type: 'Polygon', coordinates: [ring] }, assignees: { users: [], units: ['Troop 3'] }, active: random() > 0.1 };
}

/** Frames per second while the map is dragged and wheeled GESTURES times. */
async function measureFps(page: Page): Promise<number> {
  const box = await page.getByTestId('zone-map').boundingBox();
  if (!box) throw new Error('no map');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A string, not a function: tsx compiles named inner functions with an `__name` helper the page lacks.
  await page.evaluate(`(() => {
    globalThis.__frames = 0;
    globalThis.__counting = true;
    const tick = () => {
      globalThis.__frames += 1;
      if (globalThis.__counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const started = Date.now();
  for (let g = 0; g < GESTURES; g += 1) {
    if (g % 3 === 2) {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, g % 2 ? 240 : -240);
    } else {
      const dx = g % 2 ? 180 : -180;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 12; i += 1) await page.mouse.move(cx + (dx * i) / 12, cy + (dx * i) / 24);
      await page.mouse.up();
    }
  }
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number; __counting: boolean };
    w.__counting = false;
    return w.__frames;
  });
  return frames / ((Date.now() - started) / 1000);
}

async function workspaceFps(zones: Zone[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-bench-zones-'));
  const hub = await startHub({ port: 0, dataDir: join(dir, 'hub') });
  const host = await startWebHost({ hubUrl: hub.url, dataDir: join(dir, 'client'), port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  try {
    const user = await hub.admin.addUser({ username: 'bench.disp', password: PASSWORD, displayName: 'Bench Dispatcher', roles: ['dispatcher'], unit: 'Troop 3' });
    for (const z of zones) await hub.store.zones.put(z, user.user.id, new Date().toISOString());
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(host.url);
    await page.getByLabel('Username').fill('bench.disp');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('link-state').filter({ hasText: 'Receiving alerts' }).waitFor({ timeout: 120_000 });
    await page.goto(`${host.url}#/zones`);
    await page.locator('[data-testid="zone-map"][data-loaded="true"]').waitFor({ timeout: 300_000 });
    if (zones.length > 0) await page.getByTestId('zone-rows').locator('li').nth(zones.length - 1).waitFor({ timeout: 120_000 });
    await measureFps(page); // warm-up: tiles of the first views, shaders
    return await measureFps(page);
  } finally {
    await browser.close();
    await host.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function previewTimes(random: Random): Promise<{ fetchMs: number; previewMs: number; inside: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'opentas-bench-preview-'));
  const hub = await startHub({ port: 0, dataDir: join(dir, 'hub') });
  try {
    await hub.admin.addUser({ username: 'bench.disp', password: PASSWORD, displayName: 'Bench Dispatcher', roles: ['dispatcher'], unit: 'Troop 3' });
    const categories = ['stolen', 'felony', 'registration', 'wanted_person', 'amber'] as const;
    const now = Date.now();
    for (let i = 0; i < ALERTS; i += 1) {
      // Around Chicago, where a dispatcher's shape would be: every alert falls in the shape's box.
      const lat = 41.6 + random() * 0.4;
      const lon = -88.0 + random() * 0.5;
      await hub.ingest({
        id: `bench-${i}`,
        plate: 'BEN1234',
        plateState: 'IL',
        readAt: new Date(now - random() * 6.9 * 86_400_000).toISOString(),
        location: { lat, lon },
        camera: { id: `cam-${i % 400}`, name: `Camera ${i % 400}`, type: 'stationary', network: 'isp' },
        category: categories[i % categories.length]!,
        hotlist: { source: 'NCIC', plate: 'BEN1234', state: 'IL', reason: 'Bench' },
      });
    }
    const api = new HubApi(hub.url, 120_000);
    const token = (await api.signIn({ username: 'bench.disp', password: PASSWORD })).accessToken;
    const shape = { type: 'Polygon' as const, coordinates: [circleRing(-87.75, 41.8, 12, 256)] };
    const t0 = performance.now();
    const { items } = await recentAlerts(api, token, new Date(now - 7 * 86_400_000).toISOString(), [-88.05, 41.55, -87.45, 42.05]);
    const fetchMs = performance.now() - t0;
    const runs: number[] = [];
    let inside = 0;
    for (let r = 0; r < 7; r += 1) {
      const t = performance.now();
      inside = previewOf(shape, items).total;
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    if (items.length !== ALERTS) throw new Error(`read ${items.length} alerts, expected ${ALERTS}`);
    return { fetchMs, previewMs: runs[3]!, inside };
  } finally {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`zones-ui: seed ${SEED} (replay with ZONES_BENCH_SEED=${SEED})`);
const random = seededRandom(SEED);
const zones = Array.from({ length: ZONES }, (_, i) => blob(random, i));
const fps = await workspaceFps(zones);
console.log(`map with ${ZONES} zones: ${fps.toFixed(1)} frames/s while panning and zooming`);
const fpsNone = await workspaceFps([]);
console.log(`map with no zones: ${fpsNone.toFixed(1)} frames/s`);
const p = await previewTimes(random);
console.log(`preview: read ${ALERTS} alerts through GET /alerts in ${p.fetchMs.toFixed(0)} ms; counted in ${p.previewMs.toFixed(1)} ms (median of 7; ${p.inside} inside)`);
console.log(
  `zones-ui: zones=${ZONES} fps=${fps.toFixed(1)} fps_no_zones=${fpsNone.toFixed(1)} fps_ratio=${(fps / fpsNone).toFixed(2)} alerts=${ALERTS} fetch_ms=${p.fetchMs.toFixed(0)} preview_ms=${p.previewMs.toFixed(1)}`,
);
