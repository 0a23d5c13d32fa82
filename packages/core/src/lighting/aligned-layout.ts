import type { Room } from '../room/room.js';
import { TileKind } from '../room/tile-kind.js';
import { lightCountBounds } from './light-count-bound.js';
import { lightingMetrics, meetsLightingTargets, unreachedTaskPoints } from './lighting-metrics.js';
import type { Photometry } from './photometry.js';

const OUTSIDE: number = TileKind.Outside;
const FREE: number = TileKind.Free;
const LIGHT: number = TileKind.Light;

/** Growth steps the search may take before it gives up (each is one exact evaluation). */
const MAX_STEPS = 400;

/** A rectangle of room tiles, rows `top..top+height-1`, cols `left..left+width-1`. */
export interface Zone {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/**
 * The room cut into rectangular zones: repeatedly the largest rectangle of room tiles not yet
 * in a zone, until every room tile is in one. An L is two zones, a U three, a rectangle one.
 */
export function rectangularZones(room: Room): Zone[] {
  const { rows, cols, tiles } = room;
  const open = new Uint8Array(rows * cols);
  let left = 0;
  for (let t = 0; t < tiles.length; t++) {
    if (tiles[t] !== OUTSIDE) {
      open[t] = 1;
      left++;
    }
  }
  const zones: Zone[] = [];
  const heights = new Int32Array(cols);
  while (left > 0) {
    // Largest rectangle of open tiles: the histogram method, row by row.
    heights.fill(0);
    let best: Zone = { top: 0, left: 0, height: 0, width: 0 };
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) heights[c] = open[r * cols + c] ? heights[c] + 1 : 0;
      const stack: number[] = [];
      for (let c = 0; c <= cols; c++) {
        const h = c < cols ? heights[c] : 0;
        while (stack.length > 0 && heights[stack[stack.length - 1]] >= h) {
          const top = stack.pop()!;
          const height = heights[top];
          const from = stack.length > 0 ? stack[stack.length - 1] + 1 : 0;
          const width = c - from;
          if (height * width > best.height * best.width) {
            best = { top: r - height + 1, left: from, height, width };
          }
        }
        stack.push(c);
      }
    }
    zones.push(best);
    for (let r = best.top; r < best.top + best.height; r++) {
      for (let c = best.left; c < best.left + best.width; c++) {
        if (open[r * cols + c]) {
          open[r * cols + c] = 0;
          left--;
        }
      }
    }
  }
  return zones;
}

/** One zone's lattice: `nx` columns and `ny` rows of lights (0 × 0 for none). */
interface Lattice {
  nx: number;
  ny: number;
}

/**
 * `aligned` lights (RULES §4 `lightLayout: "aligned"`): one lattice per rectangular zone,
 * `nx × ny` lights on evenly spaced column and row lines (the centres of an `nx × ny` division
 * of the zone); a lattice point on a tile that cannot take a light is left out, so every light
 * still stands on its zone's lines. Starting from the density the average bound asks for, the
 * zone holding the weakest (or an out-of-reach) task point gains a line along its wider pitch
 * until the layout passes; then every zone gives back lines while it still passes. Returns the
 * new light tiles, ascending (every free tile if no lattice passes: the best effort).
 */
export function placeAlignedLights(room: Room, photometry: Photometry): number[] {
  const zones = rectangularZones(room).filter((z) => hasFree(room, z));
  const existing: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === LIGHT) existing.push(t);
  if (zones.length === 0) return [];
  const bounds = lightCountBounds(photometry);
  const area = zones.reduce((n, z) => n + z.height * z.width, 0);
  const wanted = Number.isFinite(bounds.average) ? Math.max(0, bounds.average - existing.length) : area;
  const lattices: Lattice[] = zones.map((z) => {
    const share = (wanted * z.height * z.width) / area;
    const nx = Math.min(z.width, Math.max(1, Math.round(Math.sqrt((share * z.width) / z.height))));
    const ny = Math.min(z.height, Math.max(1, Math.round(share / nx)));
    return { nx, ny };
  });
  const layout = () => zones.flatMap((z, i) => latticeTiles(room, z, lattices[i]));
  const passes = (tiles: number[]) =>
    meetsLightingTargets(photometry, lightingMetrics(photometry, [...existing, ...tiles]));

  let tiles = layout();
  for (let step = 0; step < MAX_STEPS && !passes(tiles); step++) {
    const zone = zoneToGrow(room, photometry, zones, lattices, [...existing, ...tiles]);
    if (zone < 0) break;
    grow(zones[zone], lattices[zone]);
    tiles = layout();
  }
  if (!passes(tiles)) return passes(freeTiles(room)) ? tiles : freeTiles(room);
  // Give lines back while the layout still passes, the zone with the densest lattice first.
  for (let changed = true; changed; ) {
    changed = false;
    const order = zones
      .map((_, i) => i)
      .sort((a, b) => pitchOf(zones[a], lattices[a]) - pitchOf(zones[b], lattices[b]) || a - b);
    for (const i of order) {
      for (const axis of ['nx', 'ny'] as const) {
        if (lattices[i][axis] === 0) continue;
        const before = { ...lattices[i] };
        lattices[i][axis]--;
        // A zone with no line left in one direction has no lights at all.
        if (lattices[i].nx === 0 || lattices[i].ny === 0) lattices[i] = { nx: 0, ny: 0 };
        const fewer = layout();
        if (fewer.length < tiles.length && passes(fewer)) {
          tiles = fewer;
          changed = true;
        } else {
          lattices[i] = before;
        }
      }
    }
  }
  return tiles.sort((a, b) => a - b);
}

function hasFree(room: Room, z: Zone): boolean {
  for (let r = z.top; r < z.top + z.height; r++)
    for (let c = z.left; c < z.left + z.width; c++) if (room.tiles[r * room.cols + c] === FREE) return true;
  return false;
}

function freeTiles(room: Room): number[] {
  const out: number[] = [];
  for (let t = 0; t < room.tiles.length; t++) if (room.tiles[t] === FREE) out.push(t);
  return out;
}

/** The lattice's points on free tiles. */
function latticeTiles(room: Room, z: Zone, lattice: Lattice): number[] {
  const out: number[] = [];
  for (let j = 0; j < lattice.ny; j++) {
    const r = z.top + Math.floor(((j + 0.5) * z.height) / lattice.ny);
    for (let i = 0; i < lattice.nx; i++) {
      const c = z.left + Math.floor(((i + 0.5) * z.width) / lattice.nx);
      if (room.tiles[r * room.cols + c] === FREE) out.push(r * room.cols + c);
    }
  }
  return out;
}

/** The larger of the lattice's two pitches, tiles (Infinity with no lights). */
function pitchOf(z: Zone, lattice: Lattice): number {
  if (lattice.nx === 0 || lattice.ny === 0) return Number.POSITIVE_INFINITY;
  return Math.max(z.width / lattice.nx, z.height / lattice.ny);
}

/** Adds a line along the wider pitch (a first light to an empty zone). */
function grow(z: Zone, lattice: Lattice): void {
  if (lattice.nx === 0 || lattice.ny === 0) {
    lattice.nx = 1;
    lattice.ny = 1;
    return;
  }
  const canX = lattice.nx < z.width;
  const canY = lattice.ny < z.height;
  if (canX && (!canY || z.width / lattice.nx >= z.height / lattice.ny)) lattice.nx++;
  else if (canY) lattice.ny++;
}

/**
 * The zone to grow: the one holding the first task point out of spacing reach, else the one
 * holding the weakest task point; −1 when that zone is already full.
 */
function zoneToGrow(
  room: Room,
  photometry: Photometry,
  zones: readonly Zone[],
  lattices: readonly Lattice[],
  lights: number[],
): number {
  const { cols } = room;
  const unreached = unreachedTaskPoints(photometry, lights);
  let point = unreached[0];
  if (point === undefined) {
    const direct = photometry.directLux(lights, photometry.taskPoints);
    let weakest = 0;
    for (let k = 1; k < direct.length; k++) if (direct[k] < direct[weakest]) weakest = k;
    point = photometry.taskPoints[weakest];
    // An average short of the target grows the sparsest zone instead.
    const metrics = lightingMetrics(photometry, lights);
    if (metrics.averageLux < photometry.targetLux) {
      let sparsest = -1;
      for (let i = 0; i < zones.length; i++) {
        const full = lattices[i].nx >= zones[i].width && lattices[i].ny >= zones[i].height;
        if (
          !full &&
          (sparsest < 0 || pitchOf(zones[i], lattices[i]) > pitchOf(zones[sparsest], lattices[sparsest]))
        )
          sparsest = i;
      }
      return sparsest;
    }
  }
  const r = Math.floor(point / cols);
  const c = point % cols;
  let nearest = -1;
  let nearestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < zones.length; i++) {
    const z = zones[i];
    const full = lattices[i].nx >= z.width && lattices[i].ny >= z.height;
    if (full) continue;
    const dr = r < z.top ? z.top - r : r >= z.top + z.height ? r - (z.top + z.height - 1) : 0;
    const dc = c < z.left ? z.left - c : c >= z.left + z.width ? c - (z.left + z.width - 1) : 0;
    const d = dr * dr + dc * dc;
    if (d < nearestD) {
      nearestD = d;
      nearest = i;
    }
  }
  return nearest;
}
