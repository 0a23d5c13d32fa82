import { describe, expect, it } from 'vitest';
import { niceLength, scaleBarSvg } from '../../src/render/scale-bar.js';
import { parseXmlDocument } from './xml-document.js';

describe('niceLength', () => {
  it.each([
    [7.3, 5],
    [5, 5],
    [4.99, 2],
    [19.9, 10],
    [20, 20],
    [100, 100],
    [999, 500],
    [0.032, 0.02],
    [0.3, 0.2],
    [1, 1],
  ])('%f → %f', (limit, expected) => {
    expect(niceLength(limit)).toBe(expected);
  });
});

describe('scaleBarSvg', () => {
  it('is a round length in room units, about as long as asked', () => {
    // 10 px per ft, 150 px asked: 15 ft available, 10 ft is the round length: 100 px.
    const [bar, ...parts] = parseXmlDocument(scaleBarSvg(0, 0, 10, 'ft', 150));
    expect(bar.attributes.get('data-length')).toBe('10');
    const frame = parts.find((e) => e.name === 'rect' && e.attributes.get('fill') === 'none');
    expect(frame?.attributes.get('width')).toBe('100');
    expect(parts.filter((e) => e.name === 'text').map((e) => e.text)).toEqual(['0', '5', '10 ft']);
  });
});
