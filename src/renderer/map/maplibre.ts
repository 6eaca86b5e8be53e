/**
 * maplibre-gl's CSP build with its worker served as a file of our own origin, so the strict CSP
 * needs no `blob:` worker and the map runs with no token and no network (DESIGN.md).
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

export default maplibregl;
