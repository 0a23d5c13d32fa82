import { describe, expect, it } from 'vitest';
import { escapeXml, formatLength, formatNumber, shortHash } from '../../src/render/svg-text.js';

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });

  it('drops characters XML 1.0 cannot carry at all, keeps tab, newline and astral characters', () => {
    expect(escapeXml('a\u0000b\u0007c\u001Fd\te\nf\uFFFEg😀h\uD800i')).toBe('abcd\te\nfg😀hi');
  });
});

describe('formatNumber', () => {
  it('rounds to 4 decimals without float noise or negative zero', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(10.5)).toBe('10.5');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(-0.00001)).toBe('0');
    expect(formatNumber(42)).toBe('42');
  });
});

describe('formatLength', () => {
  it('keeps about three significant digits', () => {
    expect(formatLength(60, 'ft')).toBe('60 ft');
    expect(formatLength(6.37, 'm')).toBe('6.37 m');
    expect(formatLength(21.000000001, 'ft')).toBe('21 ft');
    expect(formatLength(123.4, 'ft')).toBe('123 ft');
  });
});

describe('shortHash', () => {
  it('is stable and changes with any part or tile', () => {
    const tiles = Uint8Array.from([1, 2, 3]);
    const a = shortHash(['room', 3], tiles);
    expect(shortHash(['room', 3], Uint8Array.from([1, 2, 3]))).toBe(a);
    expect(shortHash(['room', 4], tiles)).not.toBe(a);
    expect(shortHash(['room', 3], Uint8Array.from([1, 2, 4]))).not.toBe(a);
    expect(a).toMatch(/^p[0-9a-z]+$/);
  });
});
