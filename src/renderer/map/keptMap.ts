/**
 * The alert map, kept from one alert to the next. Building a maplibre map costs a WebGL context
 * and the base map's outlines (0.8 MB of GeoJSON) posted to the map's workers: about 70 ms of the
 * page's only thread, at every arrow key through the popup's queue, and keys waited behind it
 * (the ui-burst bench). Moving the camera and the marker of a map already built costs one frame.
 *
 * The map lives in a container of its own. The AlertMap on screen holds it (its host); between
 * alerts it is parked out of sight at its last size (so it is neither resized nor redrawn), and
 * dropped after PARK_MS unused or when a map of another look is asked for.
 */
import type { Map as MlMap, Marker } from 'maplibre-gl';
import type { Zone } from '../../shared/protocol/zone.js';

/** What the map tells the AlertMap that holds it. */
export interface MapHost {
  /** The element the map's container goes into. */
  box: HTMLElement;
  /** The zones to draw when the map finishes loading. */
  zones(): Zone[];
  /** The map finished loading, or is shown again already loaded. */
  loaded(): void;
  /** The map finished drawing a new view. */
  idle(): void;
  /** A map error; `street` when it is the street map archive's. */
  error(message: string, street: boolean): void;
}

export interface KeptMap {
  /** Style, colours and street map: a map is reused only for the same look. */
  readonly look: string;
  readonly map: MlMap;
  readonly marker: Marker;
  readonly container: HTMLElement;
  /** The zoom each alert's view starts at. */
  readonly zoom: number;
  loaded: boolean;
  /** Its street map failed: never reused, so the next alert tries the archive again. */
  failed: boolean;
  host: MapHost | undefined;
}

const PARK_MS = 5 * 60_000;

let parked: KeptMap | undefined;
let dropTimer: ReturnType<typeof setTimeout> | undefined;
let parking: HTMLElement | undefined;

/** The parked map if it has this look (it is no longer parked then); a parked map of another look is dropped. */
export function takeParked(look: string): KeptMap | undefined {
  const kept = parked;
  if (!kept) return undefined;
  unpark();
  if (kept.look === look && !kept.failed) return kept;
  drop(kept);
  return undefined;
}

/** Moves the map into the host's box. */
export function attach(kept: KeptMap, host: MapHost): void {
  kept.host = host;
  host.box.appendChild(kept.container);
  // Sized to the box now. A map is built in a container of its own, not yet in the page, so maplibre
  // gives its canvas a default 400 x 300; and maplibre ignores its resize observer's first report,
  // which is this one, so the map stayed at that size with the camera off the box's centre.
  // (A resize with nothing to change would clear the drawing, hence the comparison.)
  const canvas = kept.map.getCanvas();
  if (kept.container.clientWidth !== canvas.clientWidth || kept.container.clientHeight !== canvas.clientHeight) kept.map.resize();
  if (kept.loaded) host.loaded();
}

/** Takes the map out of its host and keeps it for the next alert (the one parked before is dropped). */
export function park(kept: KeptMap): void {
  kept.host = undefined;
  if (kept.failed) {
    drop(kept);
    return;
  }
  if (parked && parked !== kept) drop(parked);
  parked = kept;
  const spot = parkingSpot();
  // At the size it had on screen (its canvas's CSS size: the box may be out of the page already), so
  // coming back costs no resize.
  const canvas = kept.map.getCanvas();
  spot.style.width = canvas.style.width;
  spot.style.height = canvas.style.height;
  spot.appendChild(kept.container);
  clearTimeout(dropTimer);
  dropTimer = setTimeout(() => {
    if (parked === kept) {
      unpark();
      drop(kept);
    }
  }, PARK_MS);
}

function unpark(): void {
  parked = undefined;
  clearTimeout(dropTimer);
  dropTimer = undefined;
}

function drop(kept: KeptMap): void {
  kept.map.remove();
  kept.container.remove();
}

function parkingSpot(): HTMLElement {
  if (!parking || !parking.isConnected) {
    parking = document.createElement('div');
    parking.className = 'map-parking';
    parking.setAttribute('aria-hidden', 'true');
    document.body.appendChild(parking);
  }
  return parking;
}
