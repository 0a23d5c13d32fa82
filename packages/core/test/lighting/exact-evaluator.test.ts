import { describe, expect, it } from 'vitest';
import { Fft, nextFftSize } from '../../src/lighting/fft.js';
import { checkLighting } from '../../src/lighting/index.js';
import { directLatticeSum, LatticeConvolver } from '../../src/lighting/lattice-convolver.js';
import { Photometry } from '../../src/lighting/photometry.js';
import { parseRoom } from '../../src/room/parse-room.js';
import { tilesOfKind } from '../../src/room/room-with-devices.js';
import { TileKind } from '../../src/room/tile-kind.js';
import { bruteForceLighting } from '../support/brute-force-lighting.js';
import { randomRoomLayout, seededRandom } from './random-rooms.js';

function naiveDft(re: number[], im: number[]): [number[], number[]] {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (-2 * Math.PI * k * t) / n;
      sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
      si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

describe('FFT', () => {
  it('equals the naive DFT and inverts (2^k and 3·2^k sizes)', () => {
    const random = seededRandom(3);
    for (const n of [1, 2, 3, 4, 6, 8, 12, 16, 24, 48, 64, 96]) {
      const re = Array.from({ length: n }, () => random() - 0.5);
      const im = Array.from({ length: n }, () => random() - 0.5);
      const fft = new Fft(n);
      const xr = Float64Array.from(re);
      const xi = Float64Array.from(im);
      fft.transform(xr, xi, false);
      const [er, ei] = naiveDft(re, im);
      for (let k = 0; k < n; k++) {
        expect(xr[k]).toBeCloseTo(er[k], 10);
        expect(xi[k]).toBeCloseTo(ei[k], 10);
      }
      fft.transform(xr, xi, true);
      for (let k = 0; k < n; k++) {
        expect(xr[k] / n).toBeCloseTo(re[k], 12);
        expect(xi[k] / n).toBeCloseTo(im[k], 12);
      }
    }
  });

  it.each([16, 24])('transforms columns of a %i-row matrix like one column at a time', (n) => {
    const random = seededRandom(4);
    const width = 5;
    const re = Float64Array.from({ length: n * width }, () => random());
    const im = Float64Array.from({ length: n * width }, () => random());
    const fft = new Fft(n);
    const expected = [...Array(width)].map((_, c) => {
      const cr = Float64Array.from({ length: n }, (_, r) => re[r * width + c]);
      const ci = Float64Array.from({ length: n }, (_, r) => im[r * width + c]);
      fft.transform(cr, ci, false);
      return [cr, ci];
    });
    fft.transformColumns(re, im, width, false);
    for (let c = 0; c < width; c++) {
      for (let r = 0; r < n; r++) {
        expect(re[r * width + c]).toBeCloseTo(expected[c][0][r], 12);
        expect(im[r * width + c]).toBeCloseTo(expected[c][1][r], 12);
      }
    }
  });

  it('rejects other lengths', () => {
    expect(() => new Fft(10)).toThrow(/power of two or three times one/);
    expect(() => new Fft(9)).toThrow(/power of two or three times one/);
  });

  it('pads to the smallest supported length', () => {
    expect([1, 2, 3, 4, 5, 7, 13, 199, 599, 600, 769, 999].map(nextFftSize)).toEqual([
      1, 2, 3, 4, 6, 8, 16, 256, 768, 768, 1024, 1024,
    ]);
  });
});

describe('lattice convolution', () => {
  it('equals direct summation on random grids, with no wrap-around', () => {
    const random = seededRandom(11);
    for (const [rows, cols] of [
      [1, 1],
      [1, 9],
      [7, 1],
      [5, 8],
      [17, 33],
      [40, 23],
      [2, 2],
      [150, 12],
    ]) {
      const h2 = 4;
      const kernel = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) kernel[r * cols + c] = h2 / (h2 + (r * r + c * c) * 0.36) ** 2;
      const weights = new Float64Array(rows * cols);
      const sources: number[] = [];
      for (let i = 0; i < rows * cols; i++) {
        if (random() < 0.3) {
          weights[i] = 1;
          sources.push(i);
        }
      }
      // A light in each corner: any wrap-around would show up at the opposite corner.
      for (const corner of [0, cols - 1, (rows - 1) * cols, rows * cols - 1]) {
        if (!weights[corner]) {
          weights[corner] = 1;
          sources.push(corner);
        }
      }
      const all = Array.from({ length: rows * cols }, (_, i) => i);
      const fast = new LatticeConvolver(rows, cols, kernel).convolve(weights);
      const slow = directLatticeSum(kernel, cols, sources, all);
      for (let i = 0; i < all.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 12);
    }
  });
});

describe('exact evaluator against the brute-force checker', () => {
  const rooms = (seed: number, count: number, maxSide: number, lightShare: number) => {
    const random = seededRandom(seed);
    return Array.from({ length: count }, (_, i) => {
      const rows = 1 + Math.floor(random() * maxSide);
      const cols = 1 + Math.floor(random() * maxSide);
      const metric = i % 2 === 0;
      return parseRoom({
        roomId: `random-${seed}-${i}`,
        units: metric ? 'm' : 'ft',
        cellSize: metric ? [0.3, 0.6, 1.2][i % 3] : [1, 2, 4][i % 3],
        ceilingHeight: metric ? 2.4 + random() * 4 : 8 + random() * 20,
        roomType: (['office', 'corridor', 'warehouse'] as const)[i % 3],
        layout: randomRoomLayout(random, rows, cols, lightShare),
      });
    });
  };

  it('matches on random small layouts (direct summation path)', () => {
    for (const room of rooms(21, 30, 14, 0.15)) {
      const check = checkLighting(room);
      const brute = bruteForceLighting(room);
      expect(check.metrics.averageLux).toBeCloseTo(brute.averageLux, 8);
      expect(check.metrics.minLux).toBeCloseTo(brute.minLux, 8);
      expect(check.metrics.uniformity).toBeCloseTo(brute.uniformity, 10);
    }
  });

  it('matches on random larger layouts (FFT path)', () => {
    for (const room of rooms(22, 4, 70, 0.3)) {
      const photometry = new Photometry(room);
      const lights = tilesOfKind(room, TileKind.Light).length;
      const check = checkLighting(room);
      const brute = bruteForceLighting(room);
      const scale = Math.max(1, brute.averageLux);
      expect(Math.abs(check.metrics.averageLux - brute.averageLux) / scale).toBeLessThan(1e-10);
      expect(Math.abs(check.metrics.minLux - brute.minLux) / scale).toBeLessThan(1e-10);
      expect(check.metrics.uniformity).toBeCloseTo(brute.uniformity, 9);
      expect(lights).toBe(check.metrics.lightCount);
      expect(photometry.taskPoints.length).toBe(check.metrics.taskPointCount);
    }
  });

  it('sums by FFT and directly to the same values', () => {
    const random = seededRandom(5);
    const room = parseRoom({ cellSize: 2, layout: randomRoomLayout(random, 60, 80, 0.3) });
    const photometry = new Photometry(room);
    const lights = tilesOfKind(room, TileKind.Light);
    const weights = new Float64Array(room.rows * room.cols);
    for (const tile of lights) weights[tile] = 1;
    const viaFft = photometry.kernelSumsEverywhere(weights);
    const direct = directLatticeSum(photometry.kernel, room.cols, lights, photometry.taskPoints);
    photometry.taskPoints.forEach((tile, i) => {
      expect(viaFft[tile]).toBeCloseTo(direct[i], 12);
    });
  });
});
