import { formatLength, formatNumber as n } from './svg-text.js';

/**
 * The largest "round" length (1, 2 or 5 times a power of ten) not above `limit`: what a
 * draughtsman would put on a scale bar.
 */
export function niceLength(limit: number): number {
  const power = 10 ** Math.floor(Math.log10(limit));
  const mantissa = limit / power;
  // Guard against 4.9999… from the division: compare with a little slack.
  const step = mantissa >= 5 - 1e-9 ? 5 : mantissa >= 2 - 1e-9 ? 2 : 1;
  return Number((step * power).toPrecision(12));
}

/**
 * A scale bar at (x, y), four alternating black and white blocks, labelled in room units,
 * about `targetPixels` long.
 */
export function scaleBarSvg(
  x: number,
  y: number,
  pixelsPerUnit: number,
  units: string,
  targetPixels: number,
): string {
  const length = niceLength(targetPixels / pixelsPerUnit);
  const total = length * pixelsPerUnit;
  const block = total / 4;
  let blocks = '';
  for (let i = 0; i < 4; i++) {
    blocks += `<rect x="${n(x + i * block)}" y="${n(y)}" width="${n(block)}" height="6" fill="${i % 2 === 0 ? '#1f2933' : '#ffffff'}"/>`;
  }
  return (
    `<g class="scale-bar" data-length="${n(length)}" data-units="${units}">` +
    blocks +
    `<rect x="${n(x)}" y="${n(y)}" width="${n(total)}" height="6" fill="none" stroke="#1f2933" stroke-width="1"/>` +
    `<g font-size="11" fill="#1f2933">` +
    `<text x="${n(x)}" y="${n(y + 19)}" text-anchor="middle">0</text>` +
    `<text x="${n(x + total / 2)}" y="${n(y + 19)}" text-anchor="middle">${n(length / 2)}</text>` +
    `<text x="${n(x + total)}" y="${n(y + 19)}" text-anchor="middle">${formatLength(length, units)}</text>` +
    `</g></g>`
  );
}
