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
