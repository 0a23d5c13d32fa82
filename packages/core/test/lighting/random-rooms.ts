/** Seeded PRNG (mulberry32) so random test rooms are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random room layout: a rectangle with random rectangular bites taken out of it (`-`),
 * some blocked tiles (`#`) and, with `lightShare`, random lights (`L`). Always at least one
 * room tile.
 */
export function randomRoomLayout(random: () => number, rows: number, cols: number, lightShare = 0): string[] {
  const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => '.'));
  const bites = Math.floor(random() * 4);
  for (let b = 0; b < bites; b++) {
    const h = 1 + Math.floor(random() * Math.max(1, rows / 2));
    const w = 1 + Math.floor(random() * Math.max(1, cols / 2));
    const top = random() < 0.5 ? 0 : rows - h;
    const left = Math.floor(random() * cols);
    for (let r = top; r < Math.min(rows, top + h); r++)
      for (let c = left; c < Math.min(cols, left + w); c++) grid[r][c] = '-';
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (grid[r][c] !== '.') continue;
      const roll = random();
      if (roll < 0.05) grid[r][c] = '#';
      else if (roll < 0.05 + lightShare) grid[r][c] = 'L';
    }
  }
  if (!grid.some((row) => row.some((ch) => ch !== '-'))) grid[0][0] = '.';
  return grid.map((row) => row.join(''));
}
