import { withinLimit } from './tolerance.js';

/** Offsets `(dr, dc)` of a disk of tiles, nearest first; ties in row-major order. */
export interface DiskOffsets {
  readonly dr: Int32Array;
  readonly dc: Int32Array;
}

/**
 * Disks already built, by radius: they depend on nothing else, and a run asks for the same few
 * radii (the snap and nudge reaches, the coverage radius) again and again. Bounded, as the
 * radii come from room parameters.
 */
const diskCache = new Map<number, DiskOffsets>();
const DISK_CACHE_LIMIT = 64;
/** Larger disks are rare (absurd radii) and built each time, so the cache stays small. */
const DISK_CACHE_MAX_RADIUS = 64;

/**
 * Tile offsets within `radius` tiles (with the rule slack), sorted by distance then row-major.
 * The arrays are shared between callers: read them, never write them.
 */
export function diskOffsets(radius: number): DiskOffsets {
  if (!(radius <= DISK_CACHE_MAX_RADIUS)) return buildDiskOffsets(radius);
  let disk = diskCache.get(radius);
  if (!disk) {
    if (diskCache.size >= DISK_CACHE_LIMIT) diskCache.clear();
    disk = buildDiskOffsets(radius);
    diskCache.set(radius, disk);
  }
  return disk;
}

function buildDiskOffsets(radius: number): DiskOffsets {
  const reach = Math.floor(radius + 1e-6);
  const found: [number, number, number][] = [];
  const limit = withinLimit(radius * radius);
  for (let dr = -reach; dr <= reach; dr++) {
    for (let dc = -reach; dc <= reach; dc++) {
      if (dr * dr + dc * dc <= limit) found.push([dr * dr + dc * dc, dr, dc]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  return { dr: Int32Array.from(found, (f) => f[1]), dc: Int32Array.from(found, (f) => f[2]) };
}

/**
 * Calls `visit` with every tile of a `rows × cols` grid whose offset from `center` is one of
 * `disk`'s (tiles off the grid skipped), in the disk's order: nearest first.
 */
export function forEachTileInDisk(
  center: number,
  rows: number,
  cols: number,
  disk: { readonly dr: ArrayLike<number>; readonly dc: ArrayLike<number> },
  visit: (tile: number) => void,
): void {
  const r0 = Math.floor(center / cols);
  const c0 = center - r0 * cols;
  for (let k = 0; k < disk.dr.length; k++) {
    const r = r0 + disk.dr[k];
    const c = c0 + disk.dc[k];
    if (r >= 0 && r < rows && c >= 0 && c < cols) visit(r * cols + c);
  }
}
