/**
 * A proven lower bound for a covering rule ("every point within reach of a device"): points
 * whose sets of candidate device tiles are pairwise disjoint each need a device of their own,
 * so the size of any such set of points is a lower bound on the devices still to place.
 * Greedy, points with the fewest candidates first (corners and nooks), which is cheap and
 * usually tight along walls and in narrow rooms.
 *
 * @param points the points that still need a device (already covered ones left out)
 * @param forEachCandidate calls `visit` with every tile index that could hold a device
 *   covering `point`
 * @param tileCount size of the tile index space
 */
export function packingLowerBound(
  points: ArrayLike<number>,
  forEachCandidate: (point: number, visit: (tile: number) => void) => void,
  tileCount: number,
): number {
  const counts = new Int32Array(points.length);
  for (let i = 0; i < points.length; i++) {
    let n = 0;
    forEachCandidate(points[i], () => {
      n++;
    });
    counts[i] = n;
  }
  const order = Array.from({ length: points.length }, (_, i) => i).sort(
    (a, b) => counts[a] - counts[b] || a - b,
  );
  const taken = new Uint8Array(tileCount);
  let bound = 0;
  for (const i of order) {
    // A point no tile can cover makes the rule infeasible; it proves nothing about the count.
    if (counts[i] === 0) continue;
    let free = true;
    forEachCandidate(points[i], (tile) => {
      if (taken[tile]) free = false;
    });
    if (!free) continue;
    bound++;
    forEachCandidate(points[i], (tile) => {
      taken[tile] = 1;
    });
  }
  return bound;
}
