/**
 * maplibre-gl's CSP build with its worker served as a file of our own origin, so the strict CSP
 * needs no `blob:` worker and the map runs with no token and no network (docs/architecture.md, ADR 1). The `pmtiles://`
 * protocol reads the agency's street map archive in byte ranges from the page's own origin.
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import { Protocol } from 'pmtiles';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);
maplibregl.addProtocol('pmtiles', new Protocol().tile);

export default maplibregl;
